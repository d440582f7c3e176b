import time as clock

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from depot import models


class Command(BaseCommand):
    help = "Refresh the stats table every hour (module aliases)"

    def handle(self, *args, **options):
        while True:
            close_old_connections()
            try:
                stat, _ = models.DailyStat.objects.get_or_create(day="2026-01-01")
                stat.parcels = models.Parcel.objects.count()
                stat.save()
            except Exception as exc:  # the round failed: go on with the next one
                print(f"round failed: {exc}")
            clock.sleep(3600)
