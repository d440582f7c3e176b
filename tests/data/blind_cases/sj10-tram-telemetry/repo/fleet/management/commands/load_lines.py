import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fleet.models import Line

TRAM_ROUTE_TYPE = "0"


class Command(BaseCommand):
    help = "Create/update tram lines from a GTFS routes.txt (route_type 0 only)."

    def add_arguments(self, parser):
        parser.add_argument("routes_file", type=Path)
        parser.add_argument("--deactivate-missing", action="store_true",
                            help="mark lines that are not in the file as inactive")

    def handle(self, *args, routes_file, deactivate_missing, **options):
        if not routes_file.is_file():
            raise CommandError(f"{routes_file} does not exist")
        with routes_file.open(newline="", encoding="utf-8-sig") as fh:
            rows = [r for r in csv.DictReader(fh) if r.get("route_type") == TRAM_ROUTE_TYPE]
        if not rows:
            raise CommandError(f"{routes_file}: no tram routes (route_type 0) found")

        seen = set()
        created = 0
        with transaction.atomic():
            for row in rows:
                number = (row.get("route_short_name") or "").strip()
                if not number:
                    continue
                colour = (row.get("route_color") or "").strip()
                _, was_created = Line.objects.update_or_create(
                    number=number,
                    defaults={"name": (row.get("route_long_name") or "").strip(),
                              "colour": f"#{colour.lower()}" if colour else "",
                              "active": True},
                )
                created += was_created
                seen.add(number)
            deactivated = 0
            if deactivate_missing:
                deactivated = Line.objects.exclude(number__in=seen).filter(active=True).update(active=False)
        self.stdout.write(f"{len(seen)} lines loaded ({created} new), {deactivated} deactivated")
