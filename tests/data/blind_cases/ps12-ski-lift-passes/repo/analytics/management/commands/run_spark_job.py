from django.core.management.base import BaseCommand, CommandError

from analytics.jobs import JOBS
from analytics.sources import MissingExports
from resorts.models import Resort

from ._dates import parse_day, yesterday


class Command(BaseCommand):
    help = "Run one of the nightly Spark analytics jobs for a day (default: yesterday)."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))
        parser.add_argument("--date", dest="day", type=parse_day, help="operating day, YYYY-MM-DD")
        parser.add_argument("--resort", dest="resorts", action="append", metavar="CODE",
                            help="only this resort (repeatable); default all active resorts")
        parser.add_argument("--export-root", help="override settings.GATE_EXPORT_ROOT")

    def handle(self, *args, job, day=None, resorts=None, export_root=None, **options):
        day = day or yesterday()
        selected = Resort.objects.filter(active=True)
        if resorts:
            selected = Resort.objects.filter(code__in=[code.upper() for code in resorts])
            unknown = {code.upper() for code in resorts} - set(selected.values_list("code", flat=True))
            if unknown:
                raise CommandError(f"unknown resort code(s): {', '.join(sorted(unknown))}")
        try:
            written = JOBS[job](day, resorts=list(selected), export_root=export_root)
        except MissingExports as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{job} {day}: {written} rows written")
