import csv
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from routes.models import RouteSheet


class Command(BaseCommand):
    help = "Write one CSV per route sheet of a day (default: today) to SHEET_EXPORT_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="YYYY-MM-DD (default: today, district time)")
        parser.add_argument("--out", help="directory (default: settings.SHEET_EXPORT_DIR)")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["day"]) if options["day"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--day: {exc}") from exc
        out = Path(options["out"] or settings.SHEET_EXPORT_DIR)
        out.mkdir(parents=True, exist_ok=True)
        sheets = RouteSheet.objects.filter(day=day).select_related("route")
        for sheet in sheets:
            path = out / f"{day:%Y%m%d}-{sheet.route.code}.csv"
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["route", "stage", "pickup", "stop", "student", "grade", "absent"])
                for line in sheet.lines.select_related("stop", "student"):
                    writer.writerow([
                        sheet.route.code, sheet.stage, f"{timezone.localtime(line.pickup_at):%H:%M}",
                        line.stop.name, str(line.student), line.student.grade, "yes" if line.absent else "",
                    ])
        self.stdout.write(f"exported {len(sheets)} sheets for {day:%Y-%m-%d} to {out}")
