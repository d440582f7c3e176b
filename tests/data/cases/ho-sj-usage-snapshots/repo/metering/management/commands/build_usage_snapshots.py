"""Nightly (crontab: 20 2 * * *  manage.py build_usage_snapshots). Ops re-run it with --date after late uploads."""
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from metering.snapshots import build_snapshots


class Command(BaseCommand):
    help = "Build the daily usage snapshot of every active meter (default: yesterday, local time)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="day to (re)build, YYYY-MM-DD")

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        count = build_snapshots(day)
        self.stdout.write(f"snapshots for {day}: {count} meter(s)")
