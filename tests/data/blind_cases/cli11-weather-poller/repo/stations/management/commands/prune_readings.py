import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stations.models import PollRun, Reading

logger = logging.getLogger("agromet.prune")


class Command(BaseCommand):
    help = "Delete raw readings (and poll bookkeeping) older than the retention period. Run nightly from cron."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.READING_RETENTION_DAYS)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, batch_size, dry_run, **options):
        if days < 30:
            raise CommandError("refusing to keep less than 30 days of readings")
        cutoff = timezone.now() - timedelta(days=days)
        old = Reading.objects.filter(observed_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"would delete {old.count()} readings older than {cutoff:%Y-%m-%d}")
            return
        deleted = 0
        while True:
            ids = list(old.values_list("pk", flat=True)[:batch_size])
            if not ids:
                break
            count, _ = Reading.objects.filter(pk__in=ids).delete()
            deleted += count
        runs, _ = PollRun.objects.filter(started_at__lt=cutoff).delete()
        logger.info("pruned %d readings and %d poll runs older than %s", deleted, runs, cutoff.isoformat())
        self.stdout.write(f"deleted {deleted} readings, {runs} poll runs")
