import time

from django.core.management.base import BaseCommand
from django.db import connection

from depot.models import Reminder


class Command(BaseCommand):
    help = "Reminder poller that drops its connection between rounds"

    def handle(self, *args, **options):
        while True:
            self.stdout.write(str(Reminder.objects.filter(sent_at__isnull=True).count()))
            connection.close()
            time.sleep(60)
