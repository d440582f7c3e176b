from django.utils import timezone

from depot.models import DailyStat, Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "update or create (run from cron: manage.py q05_update_or_create)"

    def handle(self, *args, **options):
        DailyStat.objects.update_or_create(day=timezone.localdate(), defaults={"parcels": Parcel.objects.count()})
