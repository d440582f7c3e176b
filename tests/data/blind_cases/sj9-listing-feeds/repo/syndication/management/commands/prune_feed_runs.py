from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from syndication.retention import prune_published_files, prune_runs


class Command(BaseCommand):
    help = "Delete old feed runs and published feed files (daily, see deploy/k8s/cronjobs.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="keep this many days (default: settings.FEED_RUN_RETENTION_DAYS)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.FEED_RUN_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1")
        cutoff = timezone.now() - timedelta(days=days)
        runs = prune_runs(cutoff, dry_run=dry_run)
        files = prune_published_files(cutoff, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {runs} run(s) and {len(files)} file(s) older than {days} days")
