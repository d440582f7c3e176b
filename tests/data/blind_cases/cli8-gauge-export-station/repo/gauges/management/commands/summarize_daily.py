from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from gauges.cli import iso_day, resolve_stations
from gauges.summaries import summarize_day


class Command(BaseCommand):
    help = "Compute daily min/max/mean stage per station from good readings."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=iso_day, help="day to summarise (default: yesterday)")
        parser.add_argument("--station", action="append", dest="stations", metavar="CODE",
                            help="station code; repeat for several stations")

    def target_day(self, options):
        return options["day"] or timezone.localdate() - timedelta(days=1)

    def stations(self, options):
        return resolve_stations(options["stations"])

    def handle(self, *args, **options):
        day = self.target_day(options)
        for station in self.stations(options):
            s = summarize_day(station, day)
            self.stdout.write(f"{station.code} {day}: {s.readings} reading(s), "
                              f"min {s.min_mm} max {s.max_mm} mean {s.mean_mm}")
