"""Load the shipping agents' arrival notices (CSV export of the agents portal).

    manage.py import_arrivals notices.csv [--book] [--dry-run]

Columns: vessel_name, imo, call_sign, loa, draught, eta, station
``eta`` is ISO 8601; without an offset it is taken as local (port) time.
"""
import csv
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from boarding.models import ShipArrival
from boarding.services import BookingError, book_pilot

REQUIRED = ("vessel_name", "imo", "loa", "draught", "eta")


def valid_imo(imo):
    """IMO numbers carry a check digit: sum of the first six digits times 7..2, mod 10."""
    if len(imo) != 7 or not imo.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(imo[:6], range(7, 1, -1)))
    return total % 10 == int(imo[6])


def parse_row(row):
    imo = row["imo"].strip().upper().removeprefix("IMO").strip()
    if not valid_imo(imo):
        raise ValueError(f"invalid IMO number {row['imo']!r}")
    try:
        loa = Decimal(row["loa"])
        draught = Decimal(row["draught"])
    except InvalidOperation:
        raise ValueError("loa/draught must be numbers") from None
    eta = datetime.fromisoformat(row["eta"].strip())
    if timezone.is_naive(eta):
        eta = timezone.make_aware(eta)
    station = (row.get("station") or ShipArrival.Station.OUTER).strip().upper()
    if station not in ShipArrival.Station.values:
        raise ValueError(f"unknown boarding station {station!r}")
    return {
        "vessel_name": row["vessel_name"].strip(),
        "imo_number": imo,
        "call_sign": (row.get("call_sign") or "").strip(),
        "length_overall": loa,
        "draught": draught,
        "eta": eta,
        "station": station,
    }


class Command(BaseCommand):
    help = "Import expected ship arrivals from a CSV file, optionally booking pilots."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--book", action="store_true", help="book a pilot for each new arrival")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, path, book=False, dry_run=False, **options):
        try:
            with open(path, newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        if rows and (missing := [c for c in REQUIRED if c not in rows[0]]):
            raise CommandError(f"missing columns: {', '.join(missing)}")

        created = updated = skipped = booked = 0
        for line_no, row in enumerate(rows, start=2):
            try:
                fields = parse_row(row)
            except ValueError as exc:
                self.stderr.write(f"line {line_no}: {exc}")
                skipped += 1
                continue
            if dry_run:
                continue
            with transaction.atomic():
                arrival, is_new = ShipArrival.objects.update_or_create(
                    imo_number=fields.pop("imo_number"), eta=fields.pop("eta"), defaults=fields,
                )
            if is_new:
                created += 1
            else:
                updated += 1
            if book and is_new:
                try:
                    booking = book_pilot(arrival)
                except BookingError as exc:
                    self.stderr.write(f"line {line_no}: {arrival.vessel_name}: {exc}")
                else:
                    booked += 1
                    self.stdout.write(f"{arrival.vessel_name}: {booking.reference} ({booking.pilot.name})")
        self.stdout.write(
            f"{created} created, {updated} updated, {skipped} skipped, {booked} pilots booked"
            + (" (dry run)" if dry_run else "")
        )
