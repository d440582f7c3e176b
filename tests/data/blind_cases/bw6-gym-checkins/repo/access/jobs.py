"""Check-in jobs, run by the RQ workers (see cruxgym/cron_config.py)."""
import csv
import logging
import time
from datetime import datetime, time as dtime, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from members.models import Gym

from .activity import ActivityRollup
from .models import CheckIn, ExportRun, OccupancySnapshot

logger = logging.getLogger(__name__)

EXPORT_COLUMNS = ["id", "member_id", "gym", "at_utc", "door", "method"]
PURGE_BATCH = 5000
# someone who checked in this long ago is assumed to have left the gym
SESSION_HOURS = 2


def rebuild_member_activity(as_of=None):
    """Nightly: refresh last visit, 30-day visits, streaks and the at-risk flag of every member."""
    if isinstance(as_of, str):
        as_of = parse_datetime(as_of)
    started = time.monotonic()
    rollup = ActivityRollup(as_of=as_of)
    activity = rollup.compute()
    updated = rollup.apply(activity)
    logger.info("member activity rebuilt for %s members in %.1fs", updated, time.monotonic() - started)
    return {"members_updated": updated, "members_with_visits": len(activity)}


def _day_bounds(day):
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, dtime.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), dtime.min), tz)
    return start, end


def export_checkins(day=None):
    """Nightly: write one day of check-ins (yesterday by default) as CSV for the warehouse loader."""
    if isinstance(day, str):
        day = datetime.strptime(day, "%Y-%m-%d").date()
    day = day or timezone.localdate() - timedelta(days=1)
    start, end = _day_bounds(day)
    export_dir = settings.CHECKIN_EXPORT_DIR
    export_dir.mkdir(parents=True, exist_ok=True)
    path = export_dir / f"checkins-{day:%Y%m%d}.csv"
    gym_codes = dict(Gym.objects.values_list("pk", "code"))
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(EXPORT_COLUMNS)
        scans = (
            CheckIn.objects.filter(at__gte=start, at__lt=end)
            .order_by("pk")
            .values_list("pk", "member_id", "gym_id", "at", "door", "method")
        )
        for pk, member_id, gym_id, at, door, method in scans.iterator(chunk_size=5000):
            writer.writerow([pk, member_id, gym_codes.get(gym_id, gym_id), at.isoformat(), door, method])
            rows += 1
    ExportRun.objects.update_or_create(
        day=day, defaults={"path": str(path), "rows": rows, "finished_at": timezone.now()}
    )
    logger.info("exported %s check-ins of %s to %s", rows, day, path)
    return rows


def purge_old_checkins(keep_days=None):
    """Weekly: delete check-ins older than the retention period, in batches."""
    keep_days = int(keep_days or settings.CHECKIN_RETENTION_DAYS)
    cutoff = timezone.now() - timedelta(days=keep_days)
    deleted = 0
    while True:
        ids = list(
            CheckIn.objects.filter(at__lt=cutoff).order_by("pk").values_list("pk", flat=True)[:PURGE_BATCH]
        )
        if not ids:
            break
        deleted += CheckIn.objects.filter(pk__in=ids).delete()[0]
    logger.info("purged %s check-ins older than %s", deleted, cutoff)
    return deleted


def record_occupancy():
    """Every 10 minutes: how many climbers are in each gym (check-ins of the last two hours)."""
    now = timezone.now()
    since = now - timedelta(hours=SESSION_HOURS)
    counts = dict(
        CheckIn.objects.filter(at__gte=since, at__lte=now)
        .values("gym_id")
        .annotate(n=Count("member_id", distinct=True))
        .values_list("gym_id", "n")
    )
    snapshots = [OccupancySnapshot(gym=gym, taken_at=now, climbers=counts.get(gym.pk, 0))
                 for gym in Gym.objects.all()]
    OccupancySnapshot.objects.bulk_create(snapshots)
    return {s.gym.code: s.climbers for s in snapshots}
