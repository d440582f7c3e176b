import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from stock.models import Item


class Command(BaseCommand):
    help = "Log an alert for items that expire within two days; runs until stopped, every --interval seconds"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=600)

    def handle(self, *args, **options):
        while True:
            try:
                soon = timezone.now().date() + timedelta(days=2)
                items = list(Item.objects.filter(expires_on__lte=soon))
                if items:
                    self.stdout.write(f"{len(items)} item(s) expire soon")
            except Exception as exc:  # keep watching: a bad round must not stop the watcher
                self.stderr.write(f"round failed: {exc}")
            time.sleep(options["interval"])
