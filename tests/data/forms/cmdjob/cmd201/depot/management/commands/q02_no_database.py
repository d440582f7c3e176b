import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Wait for the nightly export file"

    def handle(self, *args, **options):
        target = Path(settings.EXPORT_DIR) / "nightly.csv"
        while not target.exists():
            time.sleep(10)
