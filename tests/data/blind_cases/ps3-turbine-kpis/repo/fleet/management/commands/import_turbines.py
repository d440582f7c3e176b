import csv
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fleet.models import Turbine, WindFarm

REQUIRED = {"farm", "turbine_id", "model", "rated_kw"}


class Command(BaseCommand):
    help = "Load or update the turbine register from a CSV (farm,turbine_id,model,rated_kw,commissioned_on)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--deactivate-missing", action="store_true",
                            help="mark turbines of the listed farms that are not in the file as inactive")

    def handle(self, *args, **options):
        try:
            with open(options["path"], newline="", encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise CommandError(f"cannot read {options['path']}: {exc}")
        if not rows:
            raise CommandError("empty file")
        missing = REQUIRED - set(rows[0])
        if missing:
            raise CommandError(f"missing columns: {', '.join(sorted(missing))}")

        farms = {f.code: f for f in WindFarm.objects.filter(code__in={r["farm"] for r in rows})}
        unknown = {r["farm"] for r in rows} - set(farms)
        if unknown:
            raise CommandError(f"unknown farms: {', '.join(sorted(unknown))}")

        created = updated = 0
        with transaction.atomic():
            for row in rows:
                commissioned = row.get("commissioned_on") or None
                _, was_created = Turbine.objects.update_or_create(
                    turbine_id=row["turbine_id"].strip(),
                    defaults={
                        "farm": farms[row["farm"]],
                        "model": row["model"].strip(),
                        "rated_kw": int(row["rated_kw"]),
                        "commissioned_on": date.fromisoformat(commissioned) if commissioned else None,
                        "active": True,
                    },
                )
                created += was_created
                updated += not was_created
            if options["deactivate_missing"]:
                Turbine.objects.filter(farm__in=farms.values()).exclude(
                    turbine_id__in=[r["turbine_id"].strip() for r in rows]
                ).update(active=False)
        self.stdout.write(f"{created} created, {updated} updated")
