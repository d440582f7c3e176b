import csv
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pharmacy.models import Kit
from trials.models import Arm, Site, Study


class Command(BaseCommand):
    help = "Import a kit list from the depot (CSV: kit_number,arm,lot,expires_on,site)."

    def add_arguments(self, parser):
        parser.add_argument("study")
        parser.add_argument("csv_path")

    def handle(self, *args, **options):
        try:
            study = Study.objects.get(code=options["study"])
        except Study.DoesNotExist:
            raise CommandError(f"unknown study {options['study']}")
        arms = {a.code: a for a in Arm.objects.filter(study=study)}
        sites = {s.number: s for s in Site.objects.filter(study=study)}
        kits = []
        with open(options["csv_path"], newline="") as fh:
            for line_no, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    kits.append(Kit(
                        study=study,
                        arm=arms[row["arm"]],
                        site=sites[row["site"]] if row.get("site") else None,
                        kit_number=row["kit_number"].strip(),
                        lot=row["lot"].strip(),
                        expires_on=date.fromisoformat(row["expires_on"]),
                    ))
                except (KeyError, ValueError) as exc:
                    raise CommandError(f"line {line_no}: {exc!r}")
        with transaction.atomic():
            Kit.objects.bulk_create(kits)
        self.stdout.write(f"imported {len(kits)} kits for {study.code}")
