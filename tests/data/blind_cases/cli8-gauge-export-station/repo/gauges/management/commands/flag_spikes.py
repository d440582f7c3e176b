from django.conf import settings
from django.core.management.base import BaseCommand

from gauges.cli import day_bounds, iso_day, positive_float, resolve_stations
from gauges.models import Reading
from gauges.quality import find_spikes, mark_suspect


class Command(BaseCommand):
    help = "Mark one-sample telemetry spikes as suspect."

    def add_arguments(self, parser):
        parser.add_argument("--station", action="append", metavar="CODE", help="repeat for several stations")
        parser.add_argument("--since", type=iso_day)
        parser.add_argument("--threshold", type=positive_float, default=settings.GAUGES["SPIKE_THRESHOLD_MM"],
                            help="minimum jump in mm from both neighbours (default: %(default)s)")
        parser.add_argument("--dry-run", action="store_true", help="report spikes without flagging them")

    def series(self, station, options):
        start, _ = day_bounds(options["since"])
        qs = Reading.objects.filter(station=station).order_by("taken_at")
        return qs.filter(taken_at__gte=start) if start else qs

    def handle(self, *args, **options):
        total = 0
        for station in resolve_stations(options["station"]):
            spikes = find_spikes(self.series(station, options), options["threshold"])
            if not spikes:
                continue
            if options["dry_run"]:
                self.stdout.write(f"{station.code}: would flag {len(spikes)} spike(s)")
            else:
                flagged = mark_suspect(spikes)
                self.stdout.write(f"{station.code}: flagged {flagged} spike(s)")
            total += len(spikes)
        self.stdout.write(f"{total} spike(s) found")
