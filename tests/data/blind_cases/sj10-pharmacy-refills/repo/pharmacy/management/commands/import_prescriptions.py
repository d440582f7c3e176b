"""Import the nightly prescription extract from the dispensing system.

The extract is a CSV with a header row:

    store_code,patient_ref,first_name,last_name,mobile,sms_opt_in,rx_number,
    drug_name,days_supply,refills_remaining,last_filled_on,status

Re-importing the same file is harmless: rows are matched on rx_number.
"""
import csv
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pharmacy.models import Patient, Prescription, Store

REQUIRED_COLUMNS = {
    "store_code",
    "first_name",
    "last_name",
    "mobile",
    "sms_opt_in",
    "rx_number",
    "drug_name",
    "days_supply",
    "refills_remaining",
    "last_filled_on",
}

TRUTHY = {"1", "y", "yes", "true", "t"}


def parse_date(value):
    value = (value or "").strip()
    return datetime.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = "Import or update prescriptions from a dispensing-system CSV extract."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")

        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
            if missing:
                raise CommandError(f"{path}: missing column(s): {', '.join(sorted(missing))}")
            rows = list(reader)

        stores = {s.code: s for s in Store.objects.all()}
        created = updated = 0
        with transaction.atomic():
            for lineno, row in enumerate(rows, start=2):
                store = stores.get(row["store_code"].strip())
                if store is None:
                    raise CommandError(f"{path}:{lineno}: unknown store {row['store_code']!r}")
                try:
                    last_filled_on = parse_date(row["last_filled_on"])
                    days_supply = int(row["days_supply"])
                    refills_remaining = int(row["refills_remaining"])
                except ValueError as exc:
                    raise CommandError(f"{path}:{lineno}: {exc}") from exc

                patient, _ = Patient.objects.update_or_create(
                    store=store,
                    first_name=row["first_name"].strip(),
                    last_name=row["last_name"].strip(),
                    defaults={
                        "mobile": row["mobile"].strip(),
                        "sms_opt_in": row["sms_opt_in"].strip().lower() in TRUTHY,
                    },
                )
                refill_due_on = (
                    last_filled_on + datetime.timedelta(days=days_supply) if last_filled_on else None
                )
                _, was_created = Prescription.objects.update_or_create(
                    rx_number=row["rx_number"].strip(),
                    defaults={
                        "patient": patient,
                        "drug_name": row["drug_name"].strip(),
                        "days_supply": days_supply,
                        "refills_remaining": refills_remaining,
                        "last_filled_on": last_filled_on,
                        "refill_due_on": refill_due_on,
                        "status": (row.get("status") or Prescription.Status.ACTIVE).strip(),
                    },
                )
                if was_created:
                    created += 1
                else:
                    updated += 1

        self.stdout.write(self.style.SUCCESS(f"{created} created, {updated} updated"))
