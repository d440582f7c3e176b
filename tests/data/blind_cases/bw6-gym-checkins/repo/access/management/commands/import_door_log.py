"""Import scans the door controllers buffered while the network was down.

The controller dumps a CSV: card_no, scanned_at (ISO 8601, UTC), door
"""
import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from access.models import CheckIn
from members.models import Gym, Member

BATCH = 1000


class Command(BaseCommand):
    help = "Import a door-controller offline log for one gym."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--gym", required=True, help="gym code")

    def handle(self, *args, **options):
        try:
            gym = Gym.objects.get(code=options["gym"])
        except Gym.DoesNotExist:
            raise CommandError(f"unknown gym {options['gym']!r}") from None
        member_by_card = dict(Member.objects.values_list("card_no", "pk"))
        batch, imported, unknown = [], 0, 0
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                member_id = member_by_card.get(row["card_no"].strip())
                scanned_at = parse_datetime(row["scanned_at"].strip())
                if member_id is None or scanned_at is None:
                    unknown += 1
                    continue
                batch.append(CheckIn(member_id=member_id, gym=gym, at=scanned_at,
                                     door=(row.get("door") or "main").strip(), method=CheckIn.Method.CARD))
                if len(batch) >= BATCH:
                    CheckIn.objects.bulk_create(batch)
                    imported += len(batch)
                    batch = []
        if batch:
            CheckIn.objects.bulk_create(batch)
            imported += len(batch)
        self.stdout.write(f"imported {imported} scans for {gym.code}, skipped {unknown}")
