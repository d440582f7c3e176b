from datetime import datetime, time, timedelta, timezone as dt_timezone

from django.utils import timezone

from depot.models import Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "report day (run from cron: manage.py p06_report_day)"

    def handle(self, *args, **options):
        day = timezone.localdate()
        start = datetime.combine(day, time(0, 0)).replace(tzinfo=dt_timezone.utc)
        shipped = Parcel.objects.filter(shipped_at__range=(start, start + timedelta(days=1)))
        self.stdout.write(f"{shipped.count()} shipped today")
