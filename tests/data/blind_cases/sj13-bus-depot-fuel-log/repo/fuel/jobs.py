"""The scheduled fuel jobs (registered in fuel/scheduler.py)."""
import csv
import functools
import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from .importer import PumpLogImporter
from .reports import daily_totals

logger = logging.getLogger(__name__)


def django_job(func):
    """APScheduler runs jobs in its own threads; give each run fresh DB connections."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return func(*args, **kwargs)
        finally:
            close_old_connections()

    return wrapper


@django_job
def import_pump_logs():
    """02:15 every night: import the pump controller logs from the share."""
    return PumpLogImporter.from_settings().run()


@django_job
def export_daily_summary(day=None):
    """03:00 every night: litres per depot and fuel type for yesterday, for finance."""
    day = day or (timezone.localdate() - timedelta(days=1))
    export_dir = settings.FUEL_EXPORT_DIR
    export_dir.mkdir(parents=True, exist_ok=True)
    target = export_dir / f"fuel_summary_{day:%Y%m%d}.csv"
    partial = target.with_suffix(".csv.part")
    rows = daily_totals(day)
    with open(partial, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["date", "depot", "fuel", "litres", "fills"])
        for row in rows:
            writer.writerow([day.isoformat(), row["depot"], row["fuel_type"], f"{row['litres']:.2f}", row["fills"]])
    os.replace(partial, target)
    logger.info("fuel summary for %s written to %s (%d rows)", day, target, len(rows))
    return target


@django_job
def purge_archived_logs(now=None):
    """Sunday 04:00: drop archived pump logs past the retention period (the data stays in the DB)."""
    now = now or timezone.now()
    cutoff = (now - timedelta(days=settings.FUEL_ARCHIVE_RETENTION_DAYS)).timestamp()
    archive = PumpLogImporter.from_settings().archive_dir
    removed = 0
    if not archive.is_dir():
        return removed
    for path in archive.rglob("PUMPLOG_*.csv"):
        if path.stat().st_mtime < cutoff:
            path.unlink()
            removed += 1
    logger.info("purged %d archived pump logs", removed)
    return removed
