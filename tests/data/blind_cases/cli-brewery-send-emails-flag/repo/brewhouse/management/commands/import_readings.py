import csv
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from brewhouse.models import Batch, GravityReading


class Command(BaseCommand):
    help = "Load gravity readings from a fermenter probe CSV export (batch,taken_at,gravity,temperature_c)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--source", default="probe")

    def handle(self, *args, path, source, **options):
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        created = 0
        with path.open(newline="", encoding="utf-8") as fh, transaction.atomic():
            for lineno, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    batch = Batch.objects.get(code=row["batch"].strip())
                except Batch.DoesNotExist:
                    raise CommandError(f"line {lineno}: unknown batch {row['batch']!r}")
                try:
                    taken_at = datetime.fromisoformat(row["taken_at"])
                    gravity = Decimal(row["gravity"])
                    temp = Decimal(row["temperature_c"]) if row.get("temperature_c") else None
                except (ValueError, InvalidOperation) as exc:
                    raise CommandError(f"line {lineno}: {exc}")
                if timezone.is_naive(taken_at):
                    taken_at = timezone.make_aware(taken_at)
                _, was_created = GravityReading.objects.update_or_create(
                    batch=batch, taken_at=taken_at,
                    defaults={"gravity": gravity, "temperature_c": temp, "source": source},
                )
                created += was_created
        self.stdout.write(f"{created} reading(s) imported")
