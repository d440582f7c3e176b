import csv
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from weather.models import RainReading

# The logger's CSV dump: "Date/Time,Rain (mm)" with local wall-clock times like "16/01/2024 07:30".
LOGGER_FORMAT = "%d/%m/%Y %H:%M"


class Command(BaseCommand):
    help = "Import readings from the rain gauge logger's CSV dump (times are local garden time)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)
        parser.add_argument("--gauge", default="shed")

    def handle(self, *args, csv_path, gauge, **options):
        if not csv_path.is_file():
            raise CommandError(f"no such file: {csv_path}")
        readings = []
        with csv_path.open(newline="", encoding="utf-8-sig") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    local = datetime.strptime(row["Date/Time"].strip(), LOGGER_FORMAT)
                    mm = Decimal(row["Rain (mm)"].strip() or "0")
                except (KeyError, ValueError, InvalidOperation) as exc:
                    raise CommandError(f"{csv_path}:{lineno}: cannot parse {row!r}") from exc
                readings.append(RainReading(gauge_id=gauge, recorded_at=timezone.make_aware(local), mm=mm))
        with transaction.atomic():
            RainReading.objects.bulk_create(readings, ignore_conflicts=True)
        self.stdout.write(f"{len(readings)} readings read from {csv_path.name}")
