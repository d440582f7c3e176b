from django.core.management.base import BaseCommand

from quotes.services import expire_stale_requests


class Command(BaseCommand):
    help = "Expire quote requests older than QUOTE_VALIDITY_DAYS that were never bound (run nightly from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="override QUOTE_VALIDITY_DAYS")

    def handle(self, *args, days, **options):
        expired = expire_stale_requests(days=days)
        self.stdout.write(f"expired {expired} quote request(s)")
