import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from ops import warehouse
from ops.models import Order, Sku

# one process runs for weeks: every round still uses the month the process started in
PERIOD = timezone.now().strftime("%Y-%m")


class Command(BaseCommand):
    help = "Every minute, until stopped: push stock while the current period has open orders."

    def handle(self, *args, **options):
        while True:
            if Order.objects.filter(closed=False, period=PERIOD).exists():
                for sku in Sku.objects.filter(active=True):
                    warehouse.push_stock(sku)
            time.sleep(60)
