"""Daily usage snapshots, built by the nightly cron job (manage.py build_usage_snapshots)."""
import logging
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from .models import Meter, UsageSnapshot

log = logging.getLogger(__name__)


def local_day_range(day):
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)


def usage_for_day(meter, day):
    start, end = local_day_range(day)
    agg = meter.readings.filter(taken_at__gte=start, taken_at__lt=end).aggregate(kwh=Sum("kwh"), n=Count("id"))
    return agg["kwh"] or Decimal("0"), agg["n"]


def record_snapshot(meter, day, run_at):
    kwh, n = usage_for_day(meter, day)
    snapshot, _ = UsageSnapshot.objects.update_or_create(
        meter=meter,
        day=day,
        computed_at=run_at,
        defaults={"kwh": kwh, "readings": n},
    )
    return snapshot


def build_snapshots(day, run_at=None):
    """Snapshot every active meter for ``day``; safe to re-run (late readings, failed nights)."""
    run_at = run_at or timezone.now()
    count = 0
    for meter in Meter.objects.filter(active=True).order_by("serial"):
        record_snapshot(meter, day, run_at)
        count += 1
    log.info("usage snapshots for %s: %d meters (run %s)", day, count, run_at.isoformat())
    return count


def mark_silent_meters(now=None, silent_for=timedelta(days=3)):
    """Flag meters that stopped reporting; idempotent."""
    now = now or timezone.now()
    silent = Meter.objects.filter(active=True, last_seen_at__lt=now - silent_for)
    return list(silent.values_list("serial", flat=True))
