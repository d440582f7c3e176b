"""Book the stays the harbour office took over the phone or VHF (CSV export of the office sheet).

Columns: boat_id, arrival, departure, special_requests (optional)
"""
import csv
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from berths.models import Stay
from berths.services import BookingError, StayBooker, StayRequest
from owners.models import Boat


class Command(BaseCommand):
    help = "Book the phone bookings listed in a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--stop-on-error", action="store_true")

    def handle(self, *args, **options):
        booker = StayBooker()
        booked = failed = 0
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    boat = Boat.objects.select_related("owner").get(pk=int(row["boat_id"]))
                    stay = booker.book(StayRequest(
                        boat=boat,
                        arrival=date.fromisoformat(row["arrival"].strip()),
                        departure=date.fromisoformat(row["departure"].strip()),
                        special_requests=(row.get("special_requests") or "").strip(),
                        source=Stay.Source.PHONE,
                    ))
                except (Boat.DoesNotExist, ValueError, KeyError, BookingError) as exc:
                    failed += 1
                    self.stderr.write(f"line {lineno}: {exc}")
                    if options["stop_on_error"]:
                        raise CommandError(f"stopped at line {lineno}") from exc
                    continue
                booked += 1
                self.stdout.write(f"line {lineno}: stay {stay.pk} in berth {stay.berth.code}")
        self.stdout.write(f"booked {booked} stays, {failed} failed")
