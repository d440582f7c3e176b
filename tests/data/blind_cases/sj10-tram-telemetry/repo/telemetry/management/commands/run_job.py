from django.core.management.base import BaseCommand, CommandError

from telemetry.jobs import JOBS


class Command(BaseCommand):
    help = "Run one scheduled job now, e.g. after an operator API outage."

    def add_arguments(self, parser):
        parser.add_argument("job", help="one of: " + ", ".join(sorted(JOBS)))

    def handle(self, *args, job, **options):
        try:
            func = JOBS[job]
        except KeyError:
            raise CommandError(f"unknown job {job!r}; choose from {', '.join(sorted(JOBS))}") from None
        result = func()
        self.stdout.write(f"{job}: {result!r}")
