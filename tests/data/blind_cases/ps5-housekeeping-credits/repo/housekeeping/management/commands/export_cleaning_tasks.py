"""Daily CSV export of the cleaning tasks of one business date, for the analytics lake."""
import csv
from datetime import date, timedelta, timezone as dt_timezone
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from housekeeping.models import CleaningTask

COLUMNS = ["task_id", "property", "room", "badge_id", "kind", "status", "business_date",
           "started_at", "finished_at", "inspected_at"]


def _utc(value):
    return value.astimezone(dt_timezone.utc).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def export_rows(property_code, day):
    tasks = (CleaningTask.objects.filter(room__property__code=property_code, business_date=day)
             .select_related("room", "attendant").order_by("pk"))
    for task in tasks:
        yield {
            "task_id": task.pk,
            "property": property_code,
            "room": task.room.number,
            "badge_id": task.attendant.badge_id if task.attendant else "",
            "kind": task.kind,
            "status": task.status,
            "business_date": day.isoformat(),
            "started_at": _utc(task.started_at),
            "finished_at": _utc(task.finished_at),
            "inspected_at": _utc(task.inspected_at),
        }


class Command(BaseCommand):
    help = "Write one property's cleaning tasks of a business date to <LAKE_ROOT>/cleaning_tasks/<property>/<date>/"

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True)
        parser.add_argument("--date", type=date.fromisoformat, help="default: yesterday")
        parser.add_argument("--out", help="directory to write to instead of the lake")

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        code = options["property"]
        lake = settings.ANALYTICS["LAKE_ROOT"]
        out_dir = Path(options["out"] or f"{lake}/cleaning_tasks/{code}/{day.isoformat()}")
        out_dir.mkdir(parents=True, exist_ok=True)
        count = 0
        with open(out_dir / "tasks.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            for row in export_rows(code, day):
                writer.writerow(row)
                count += 1
        self.stdout.write(f"exported {count} tasks of {code} for {day} to {out_dir}")
