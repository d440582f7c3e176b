import csv
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plots.models import Gardener


class Command(BaseCommand):
    help = "Import or update gardeners from the membership spreadsheet (CSV: name,email,phone,joined_on)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)
        parser.add_argument("--deactivate-missing", action="store_true",
                            help="mark gardeners not in the file as inactive")

    def handle(self, *args, csv_path, deactivate_missing, **options):
        if not csv_path.is_file():
            raise CommandError(f"no such file: {csv_path}")
        with csv_path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if not rows:
            raise CommandError(f"{csv_path} has no rows")
        seen = set()
        created = updated = 0
        with transaction.atomic():
            for row in rows:
                email = row["email"].strip().lower()
                try:
                    joined = date.fromisoformat(row["joined_on"].strip())
                except ValueError as exc:
                    raise CommandError(f"bad joined_on for {email}: {row['joined_on']!r}") from exc
                _, was_created = Gardener.objects.update_or_create(
                    email=email,
                    defaults={"name": row["name"].strip(), "phone": row.get("phone", "").strip(),
                              "joined_on": joined, "active": True},
                )
                created += was_created
                updated += not was_created
                seen.add(email)
            deactivated = 0
            if deactivate_missing:
                deactivated = Gardener.objects.filter(active=True).exclude(email__in=seen).update(active=False)
        self.stdout.write(f"{created} created, {updated} updated, {deactivated} deactivated")
