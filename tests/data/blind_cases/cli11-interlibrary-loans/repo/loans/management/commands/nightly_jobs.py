from datetime import date

from django.core.management.base import BaseCommand, CommandError

from loans.jobs import JOBS


class Command(BaseCommand):
    help = "Run the nightly ILL housekeeping jobs (all of them, or the ones named)."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help=f"subset of: {', '.join(JOBS)}")
        parser.add_argument("--today", type=date.fromisoformat, help="pretend it is this date (YYYY-MM-DD)")

    def handle(self, *args, jobs, today, **options):
        unknown = [name for name in jobs if name not in JOBS]
        if unknown:
            raise CommandError(f"unknown job(s): {', '.join(unknown)}")
        for name in jobs or JOBS:
            result = JOBS[name](today=today)
            self.stdout.write(f"{name}: {result}")
