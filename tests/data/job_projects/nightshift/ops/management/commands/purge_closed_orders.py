from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from ops.models import Order

# cron starts `manage.py purge_closed_orders` as a new process every night: import time is run time
CUTOFF_PERIOD = (timezone.now() - timedelta(days=730)).strftime("%Y-%m")


class Command(BaseCommand):
    help = "Delete closed orders of periods more than two years old (cron, nightly)."

    def handle(self, *args, **options):
        deleted, _ = Order.objects.filter(closed=True, period__lt=CUTOFF_PERIOD).delete()
        self.stdout.write(f"deleted {deleted} order(s)")
