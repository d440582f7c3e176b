"""Opening and closing pickup days."""
import logging
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from members.models import Share
from outbox.models import OutboxMessage

from .. import messages
from ..models import BoxAllocation, PickupDay, PickupSite
from .outbox_rows import message_for, reachable

logger = logging.getLogger(__name__)

# Members can skip a box until two days before the pickup, at 20:00.
SKIP_DEADLINE_DAYS = 2
SKIP_DEADLINE_HOUR = 20


def _aware(day, at):
    return timezone.make_aware(datetime.combine(day, at))


def open_week(week_start):
    """Create the pickup days of the week starting ``week_start`` (a Monday) and allocate a box to every
    running share. Safe to re-run: days and allocations that already exist are left alone."""
    created_days = allocated = 0
    for site in PickupSite.objects.filter(active=True):
        day = week_start + timedelta(days=site.weekday)
        pickup_day, created = PickupDay.objects.get_or_create(
            site=site,
            date=day,
            defaults={
                "opens_at": _aware(day, site.opens_at),
                "closes_at": _aware(day, site.closes_at),
                "skip_deadline": _aware(day - timedelta(days=SKIP_DEADLINE_DAYS),
                                        time(SKIP_DEADLINE_HOUR)),
            },
        )
        created_days += created
        shares = [s for s in Share.objects.filter(site=site).select_related("member") if s.runs_on(day)]
        rows = [BoxAllocation(pickup_day=pickup_day, share=s) for s in shares if s.member.active]
        before = pickup_day.allocations.count()
        BoxAllocation.objects.bulk_create(rows, ignore_conflicts=True)
        allocated += pickup_day.allocations.count() - before
    logger.info("opened week of %s: %d new pickup days, %d new boxes", week_start, created_days, allocated)
    return created_days, allocated


def close_pickup_days(now=None):
    """After a pickup closes, boxes nobody collected are marked missed and the member is told."""
    now = now or timezone.now()
    closed = 0
    for day in PickupDay.objects.filter(closes_at__lte=now, closed_at__isnull=True).select_related("site"):
        with transaction.atomic():
            uncollected = list(
                day.allocations.filter(status=BoxAllocation.Status.ALLOCATED)
                .select_related("share__member", "pickup_day__site")
            )
            rows = [
                message_for(a.share.member, "missed_pickup", messages.missed_pickup(a),
                            subject="We missed you today", dedupe_key=f"missed:{a.pk}")
                for a in uncollected if reachable(a.share.member)
            ]
            day.allocations.filter(pk__in=[a.pk for a in uncollected]).update(status=BoxAllocation.Status.MISSED)
            OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
            day.closed_at = now
            day.save(update_fields=["closed_at"])
        closed += 1
    return closed
