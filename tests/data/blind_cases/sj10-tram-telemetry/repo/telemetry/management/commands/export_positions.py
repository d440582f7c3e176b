import csv
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fleet.models import Vehicle
from telemetry.models import PositionReport

FIELDS = ["fleet_number", "recorded_at", "latitude", "longitude", "speed_kmh", "line", "doors_open"]


class Command(BaseCommand):
    help = "Export one service day of position reports as CSV (for incident reviews)."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="service day, YYYY-MM-DD (local time)")
        parser.add_argument("--vehicle", action="append", default=[], help="fleet number; repeat for several")
        parser.add_argument("--output", required=True, help="CSV file to write")

    def handle(self, *args, **options):
        try:
            day = datetime.strptime(options["date"], "%Y-%m-%d").date()
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, got {options['date']!r}") from None

        start = timezone.make_aware(datetime.combine(day, time.min))
        end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
        reports = (PositionReport.objects
                   .filter(recorded_at__gte=start, recorded_at__lt=end)
                   .select_related("vehicle", "line")
                   .order_by("vehicle__fleet_number", "recorded_at"))
        if options["vehicle"]:
            known = set(Vehicle.objects.filter(fleet_number__in=options["vehicle"])
                        .values_list("fleet_number", flat=True))
            missing = sorted(set(options["vehicle"]) - known)
            if missing:
                raise CommandError(f"unknown vehicle(s): {', '.join(missing)}")
            reports = reports.filter(vehicle__fleet_number__in=options["vehicle"])

        count = 0
        with open(options["output"], "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(FIELDS)
            for report in reports.iterator():
                writer.writerow([
                    report.vehicle.fleet_number,
                    timezone.localtime(report.recorded_at).isoformat(),
                    report.latitude,
                    report.longitude,
                    "" if report.speed_kmh is None else report.speed_kmh,
                    report.line.number if report.line else "",
                    int(report.doors_open),
                ])
                count += 1
        self.stdout.write(f"{count} position reports written to {options['output']}")
