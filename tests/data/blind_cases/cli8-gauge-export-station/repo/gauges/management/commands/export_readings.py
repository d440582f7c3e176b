import sys

from django.core.management.base import BaseCommand, CommandError

from gauges.cli import day_bounds, iso_day, resolve_stations
from gauges.exporting import WRITERS
from gauges.models import Reading


class Command(BaseCommand):
    help = "Export gauge readings as CSV or JSON for the flood forecasting team."

    def add_arguments(self, parser):
        parser.add_argument("--station", action="append", dest="station_codes", metavar="CODE",
                            help="station code; repeat for several stations (default: all active stations)")
        parser.add_argument("--since", type=iso_day, help="first day to export (YYYY-MM-DD, local time)")
        parser.add_argument("--until", type=iso_day, help="last day to export, inclusive")
        parser.add_argument("--format", choices=sorted(WRITERS), default="csv")
        parser.add_argument("--include-suspect", action="store_true",
                            help="also export readings flagged as suspect (missing readings are always left out)")
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")

    def selected_stations(self, options):
        return resolve_stations(options.get("stations"))

    def readings(self, options):
        start, end = day_bounds(options.get("since"), options.get("until"))
        qs = (Reading.objects.filter(station__in=self.selected_stations(options))
              .exclude(quality=Reading.Quality.MISSING)
              .select_related("station").order_by("station__code", "taken_at"))
        if not options["include_suspect"]:
            qs = qs.exclude(quality=Reading.Quality.SUSPECT)
        if start:
            qs = qs.filter(taken_at__gte=start)
        if end:
            qs = qs.filter(taken_at__lt=end)
        return qs

    def handle(self, *args, **options):
        writer = WRITERS[options["format"]]
        readings = self.readings(options).iterator()
        path = options.get("output")
        if path:
            try:
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    count = writer(readings, fh)
            except OSError as exc:
                raise CommandError(f"cannot write {path}: {exc}")
            self.stderr.write(f"exported {count} reading(s) to {path}")
        else:
            count = writer(readings, self.stdout)
            if options["verbosity"] >= 2:
                sys.stderr.write(f"exported {count} reading(s)\n")
