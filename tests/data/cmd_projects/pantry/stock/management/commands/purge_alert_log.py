from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from stock.models import AlertLog


class Command(BaseCommand):
    help = "Delete alert log entries older than --days (a dry run unless told otherwise)"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--dry-run", action="store_true", default=True, help="only count what would go")

    def handle(self, *args, **options):
        old = AlertLog.objects.filter(sent_at__lt=timezone.now() - timedelta(days=options["days"]))
        if options["dry_run"]:
            self.stdout.write(f"would delete {old.count()} alert(s)")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"deleted {deleted} alert(s)")
