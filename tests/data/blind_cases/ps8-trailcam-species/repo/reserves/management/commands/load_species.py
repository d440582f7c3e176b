import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reserves.models import Species

TRUE = {"1", "yes", "y", "true", "x"}


class Command(BaseCommand):
    help = "Import the ecologists' species list (CSV: label_code,common_name,scientific_name,min_confidence,protected,invasive)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args, csv_path, **options):
        if not csv_path.is_file():
            raise CommandError(f"no such file: {csv_path}")
        with csv_path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if not rows:
            raise CommandError(f"{csv_path} is empty")
        with transaction.atomic():
            for lineno, row in enumerate(rows, start=2):
                try:
                    threshold = Decimal(row["min_confidence"] or "0.80")
                except InvalidOperation as exc:
                    raise CommandError(f"line {lineno}: bad min_confidence {row['min_confidence']!r}") from exc
                if not Decimal(0) <= threshold <= Decimal(1):
                    raise CommandError(f"line {lineno}: min_confidence must be between 0 and 1")
                Species.objects.update_or_create(
                    label_code=row["label_code"].strip(),
                    defaults={
                        "common_name": row["common_name"].strip(),
                        "scientific_name": row["scientific_name"].strip(),
                        "min_confidence": threshold,
                        "protected": row.get("protected", "").strip().lower() in TRUE,
                        "invasive": row.get("invasive", "").strip().lower() in TRUE,
                        "active": True,
                    },
                )
        self.stdout.write(f"{len(rows)} species loaded")
