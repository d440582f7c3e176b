import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from depot.models import Reminder


class Command(BaseCommand):
    help = "Reminder daemon stopped with SIGTERM"

    def handle(self, *args, **options):
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        while not stop.is_set():
            close_old_connections()
            try:
                self.stdout.write(str(Reminder.objects.filter(sent_at__isnull=True).count()))
            except Exception as exc:  # the round failed: go on with the next one
                print(f"round failed: {exc}")
            stop.wait(10)
