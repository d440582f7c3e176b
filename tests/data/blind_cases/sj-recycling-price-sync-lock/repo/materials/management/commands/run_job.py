from django.core.management.base import BaseCommand, CommandError

from depotline.scheduler import JOBS


class Command(BaseCommand):
    help = "Run one periodic job now, in this process."

    def add_arguments(self, parser):
        parser.add_argument("job", help=f"one of: {', '.join(sorted(JOBS))}")

    def handle(self, *args, job, **options):
        if job not in JOBS:
            raise CommandError(f"unknown job {job!r}; known: {', '.join(sorted(JOBS))}")
        func, _ = JOBS[job]
        result = func()
        self.stdout.write(f"{job}: {result}")
