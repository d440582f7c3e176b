import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .models import SeedLot

logger = logging.getLogger(__name__)


def lots_needing_test(today=None):
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.GERMINATION_TEST_VALID_DAYS)
    return (
        SeedLot.objects.filter(is_withdrawn=False)
        .annotate(last_tested=Max("germination_tests__tested_on"))
        .filter(Q(last_tested__isnull=True) | Q(last_tested__lt=cutoff))
    )


@db_periodic_task(crontab(hour="6", minute="0"))
def flag_lots_needing_germination_test(today=None):
    due = set(lots_needing_test(today).values_list("pk", flat=True))
    flagged = SeedLot.objects.filter(pk__in=due, needs_germination_test=False).update(needs_germination_test=True)
    cleared = (
        SeedLot.objects.filter(needs_germination_test=True).exclude(pk__in=due).update(needs_germination_test=False)
    )
    logger.info("germination tests: %d lots flagged, %d cleared", flagged, cleared)
    return flagged, cleared
