from depot.models import Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "created date (run from cron: manage.py q05_created_date)"

    def handle(self, *args, **options):
        for parcel in Parcel.objects.all()[:10]:
            self.stdout.write(f"{parcel.code} {parcel.created.date()}")
