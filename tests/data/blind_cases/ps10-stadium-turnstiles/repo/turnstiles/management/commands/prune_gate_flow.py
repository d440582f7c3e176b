from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from turnstiles.models import GateFlowMinute


class Command(BaseCommand):
    help = "Delete per-minute gate flow of matches older than the retention period (attendance totals stay)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="retention in days (default: settings)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = days if days is not None else settings.GATE_FLOW_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        old = GateFlowMinute.objects.filter(match__kickoff__lt=cutoff)
        if dry_run:
            self.stdout.write(f"would delete {old.count()} gate flow rows of matches before {cutoff:%Y-%m-%d}")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"deleted {deleted} gate flow rows of matches before {cutoff:%Y-%m-%d}")
