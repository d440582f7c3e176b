"""Load the card list FleetFuel sends us (CSV export from their portal).

Columns: card_number, vehicle_reference, status, expiry (MM/YY). vehicle_reference is the fleet
number embossed on the card; an empty reference means a spare card.
"""
import csv
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fleet.models import FuelCard
from fleet.services import CardError, cancel_card, issue_card, normalize_card_number, reassign_card, \
    vehicle_by_fleet_number

ACTIVE_STATUSES = {"ACTIVE", "OK"}


def parse_expiry(value):
    value = (value or "").strip()
    if not value:
        return None
    month, year = value.split("/")
    return date(2000 + int(year), int(month), 1)


class Command(BaseCommand):
    help = "Create, move and cancel fuel cards from the provider's card list CSV."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument("--dry-run", action="store_true", help="report changes, write nothing")

    def handle(self, *args, csv_path, dry_run=False, **options):
        try:
            with open(csv_path, newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise CommandError(str(exc)) from exc

        counts = {"issued": 0, "moved": 0, "cancelled": 0, "unchanged": 0, "errors": 0}
        with transaction.atomic():
            for line_no, row in enumerate(rows, start=2):
                try:
                    outcome = self._apply(row)
                except (CardError, ValueError) as exc:
                    counts["errors"] += 1
                    self.stderr.write(f"line {line_no}: {exc}")
                    continue
                counts[outcome] += 1
            if dry_run:
                transaction.set_rollback(True)

        summary = ", ".join(f"{k}={v}" for k, v in counts.items())
        self.stdout.write(("[dry run] " if dry_run else "") + summary)

    def _apply(self, row):
        number = normalize_card_number(row["card_number"])
        reference = (row.get("vehicle_reference") or "").strip()
        status = (row.get("status") or "ACTIVE").strip().upper()
        vehicle = vehicle_by_fleet_number(reference) if reference else None

        card = FuelCard.objects.filter(number=number).first()
        if card is None:
            if status not in ACTIVE_STATUSES:
                return "unchanged"
            issue_card(number, vehicle, expires_on=parse_expiry(row.get("expiry")))
            return "issued"
        if status not in ACTIVE_STATUSES:
            if not card.active:
                return "unchanged"
            cancel_card(card, f"provider status {status}")
            return "cancelled"
        if card.vehicle_id != (vehicle.pk if vehicle else None):
            reassign_card(card, vehicle)
            return "moved"
        return "unchanged"
