from datetime import datetime

from django.utils import timezone

from depot.models import Reminder
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "strptime with offset (run from cron: manage.py q05_strptime_with_offset)"

    def handle(self, *args, **options):
        cutoff = datetime.strptime("2026-01-01 00:00 +0100", "%Y-%m-%d %H:%M %z")
        if timezone.now() > cutoff:
            self.stdout.write(str(Reminder.objects.count()))
