from django.utils import timezone

from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        offset = 0
        while True:
            batch = list(Reminder.objects.filter(sent_at__isnull=True).order_by("pk")[offset:offset + size])
            if not batch:
                break
            for reminder in batch:
                reminder.sent_at = timezone.now()
                reminder.save(update_fields=["sent_at"])
            offset += size
