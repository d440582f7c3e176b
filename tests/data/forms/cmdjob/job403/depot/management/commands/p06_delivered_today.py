from django.utils import timezone

from depot.models import Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "delivered today (run from cron: manage.py p06_delivered_today)"

    def handle(self, *args, **options):
        delivered = Parcel.objects.filter(delivered_at__date=timezone.now().date())
        self.stdout.write(f"{delivered.count()} delivered today")
