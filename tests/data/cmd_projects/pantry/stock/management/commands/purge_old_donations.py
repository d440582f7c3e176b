import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from stock.models import Donation


class Command(BaseCommand):
    help = "Delete donations older than --days in chunks, pausing between chunks for other queries"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3 * 365)
        parser.add_argument("--chunk", type=int, default=500)

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=options["days"])
        deleted = 0
        while True:
            ids = list(Donation.objects.filter(received_at__lt=cutoff).values_list("id", flat=True)[:options["chunk"]])
            if not ids:
                break
            deleted += Donation.objects.filter(id__in=ids).delete()[0]
            time.sleep(0.5)
        self.stdout.write(f"deleted {deleted} donation(s)")
