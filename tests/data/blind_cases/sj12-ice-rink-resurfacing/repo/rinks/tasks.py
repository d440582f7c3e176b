"""Periodic jobs run by the huey consumer (``manage.py run_huey``)."""
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .locking import exclusive
from .models import ResurfacingPlan
from .planning import build_plans_for_day

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/30", hour="6-22"))
def rebuild_tomorrow_resurfacing_plan():
    """Keep tomorrow's resurfacing plan in step with the bookings.

    Runs every half hour while the office is open; the drivers print the plan
    at the end of the evening shift.
    """
    day = timezone.localdate() + timedelta(days=1)
    with exclusive("resurfacing-plan") as acquired:
        if not acquired:
            logger.warning("resurfacing plan for %s: already running, skipping", day)
            return 0
        plans = build_plans_for_day(day)
        floods = sum(plan.slots.count() for plan in plans)
        logger.info("resurfacing plan for %s: %d sheets, %d floods", day, len(plans), floods)
        return len(plans)


@db_periodic_task(crontab(hour="3", minute="10"))
@lock_task("purge-resurfacing-plans")
def purge_old_resurfacing_plans():
    cutoff = timezone.localdate() - timedelta(days=settings.RESURFACING_PLAN_RETENTION_DAYS)
    deleted, _ = ResurfacingPlan.objects.filter(day__lt=cutoff).delete()
    if deleted:
        logger.info("purged %d plan rows older than %s", deleted, cutoff)
    return deleted
