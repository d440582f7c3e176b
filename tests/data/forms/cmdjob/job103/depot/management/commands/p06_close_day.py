from django.utils import timezone

from depot.models import DailyStat, Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "close day (run from cron: manage.py p06_close_day)"

    def handle(self, *args, **options):
        stat = DailyStat.objects.create(day=timezone.localdate(), parcels=Parcel.objects.count())
        self.stdout.write(f"closed {stat.day}")
