from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reports.jobs import build_daily_summaries


class Command(BaseCommand):
    help = "Recompute the daily summaries for a range of days ending at --until."

    def add_arguments(self, parser):
        parser.add_argument("--until", type=date.fromisoformat, required=True)
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, until, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        written = build_daily_summaries(day=until, days_back=days)
        if written is None:
            raise CommandError("the nightly summary job is running, try again later")
        self.stdout.write(f"{written} summary row(s) written")
