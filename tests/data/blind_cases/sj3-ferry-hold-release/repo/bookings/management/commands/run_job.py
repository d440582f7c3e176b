from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tidewater.schedule import JOBS


def _aware(value):
    parsed = datetime.fromisoformat(value)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = "Run one periodic job now, with the same code and locks as the scheduler."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))
        parser.add_argument("--at", type=_aware, metavar="ISO_DATETIME", help="run as if it was this time")

    def handle(self, *args, job, at=None, **options):
        if at is not None and at > timezone.now():
            raise CommandError("--at cannot be in the future")
        func = JOBS[job][0]
        result = func(now=at)
        if result is None:
            self.stdout.write(f"{job}: skipped (another run holds the lock)")
        else:
            self.stdout.write(f"{job}: {result}")
