from django.utils import timezone

from depot.models import Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "localtime replace (run from cron: manage.py q05_localtime_replace)"

    def handle(self, *args, **options):
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        self.stdout.write(str(Parcel.objects.filter(created__gte=start).count()))
