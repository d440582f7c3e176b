import csv
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.models import Member


class Command(BaseCommand):
    help = "Import or update members from the CRM's CSV export (number,name,email,tier,valid_until)."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")

    def handle(self, *args, csv_path, **options):
        path = Path(csv_path)
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        created = updated = 0
        with path.open(encoding="utf-8", newline="") as fh, transaction.atomic():
            for row in csv.DictReader(fh):
                _, was_created = Member.objects.update_or_create(
                    number=row["number"].strip(),
                    defaults={
                        "name": row["name"].strip(),
                        "email": row["email"].strip().lower(),
                        "tier": row.get("tier") or Member.Tier.INDIVIDUAL,
                        "valid_until": date.fromisoformat(row["valid_until"]),
                        "is_active": True,
                    },
                )
                created += was_created
                updated += not was_created
        self.stdout.write(f"{created} created, {updated} updated")
