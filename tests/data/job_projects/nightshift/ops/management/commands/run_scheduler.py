import time

from django.core.management.base import BaseCommand

from ops import feeds, housekeeping, jobs, reminders, repricing, statements  # noqa: F401  (registers the jobs)
from ops.scheduler import run_due


class Command(BaseCommand):
    help = "Run the registered jobs forever."

    def handle(self, *args, **options):
        minute = 0
        while True:
            run_due(lambda schedule: schedule == "hourly" and minute % 60 == 0 or schedule == "nightly"
                    and minute % 1440 == 120)
            minute += 1
            time.sleep(60)
