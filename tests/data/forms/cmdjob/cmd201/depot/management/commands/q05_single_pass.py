from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "One pass: cron runs it every minute"

    def handle(self, *args, **options):
        for parcel in Parcel.objects.filter(processed=False):
            parcel.processed = True
            parcel.save(update_fields=["processed"])
