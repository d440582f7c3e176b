import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from races.models import Entry, Race


class Command(BaseCommand):
    help = "Import or update a race's entries from the sign-up platform's CSV (bib,name,category,phone)."

    def add_arguments(self, parser):
        parser.add_argument("race")
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            race = Race.objects.get(slug=options["race"])
        except Race.DoesNotExist:
            raise CommandError(f"unknown race {options['race']}")
        with open(options["path"], newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        seen = set()
        with transaction.atomic():
            for n, row in enumerate(rows, start=2):
                try:
                    bib = int(row["bib"])
                except (KeyError, ValueError):
                    raise CommandError(f"line {n}: bad bib {row.get('bib')!r}")
                if bib in seen:
                    raise CommandError(f"line {n}: bib {bib} twice in the file")
                seen.add(bib)
                Entry.objects.update_or_create(
                    race=race, bib=bib,
                    defaults={"name": row["name"].strip(), "category": row["category"].strip().upper(),
                              "phone": row.get("phone", "").strip()},
                )
        self.stdout.write(f"{len(seen)} entries imported for {race.slug}")
