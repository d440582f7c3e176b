"""Load the yearly catalogue spreadsheet (exported as CSV).

Columns: sku, variety, species_latin, species_common, family, days_to_maturity, organic,
supplier_page, photo_url, packet_photo_url, active
"""
import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from catalogue.models import Species, Variety, VarietyImage
from catalogue.tasks import refresh_variety_photos

TRUE_VALUES = {"1", "y", "yes", "true", "x"}
IMAGE_COLUMNS = (("photo_url", VarietyImage.Role.PRIMARY), ("packet_photo_url", VarietyImage.Role.PACKET))


class Command(BaseCommand):
    help = "Create or update varieties from the catalogue CSV export."

    def add_arguments(self, parser):
        parser.add_argument("csv_path")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, then roll back.")
        parser.add_argument("--refresh-photos", action="store_true",
                            help="Queue a photo refresh for varieties whose photos changed.")

    def handle(self, csv_path, dry_run=False, refresh_photos=False, **options):
        try:
            with open(csv_path, newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise CommandError(f"cannot read {csv_path}: {exc}") from exc

        created = updated = 0
        photos_changed = set()
        with transaction.atomic():
            for line_no, row in enumerate(rows, start=2):
                try:
                    variety, was_created, changed = self.import_row(row)
                except (KeyError, ValueError) as exc:
                    raise CommandError(f"line {line_no}: {exc}") from exc
                created += was_created
                updated += not was_created
                if changed:
                    photos_changed.add(variety.pk)
            if dry_run:
                transaction.set_rollback(True)

        self.stdout.write(f"{created} created, {updated} updated, {len(photos_changed)} with new photos"
                          + (" (dry run, nothing saved)" if dry_run else ""))
        if refresh_photos and photos_changed and not dry_run:
            refresh_variety_photos(variety_ids=sorted(photos_changed))
            self.stdout.write("photo refresh queued")

    def import_row(self, row):
        sku = row["sku"].strip()
        if not sku:
            raise ValueError("missing sku")
        species, _ = Species.objects.get_or_create(
            latin_name=row["species_latin"].strip(),
            defaults={"common_name": row["species_common"].strip(), "family": row.get("family", "").strip()},
        )
        days = row.get("days_to_maturity", "").strip()
        name = row["variety"].strip()
        variety, created = Variety.objects.update_or_create(
            sku=sku,
            defaults={
                "species": species,
                "name": name,
                "slug": slugify(f"{species.common_name} {name} {sku}"),
                "days_to_maturity": int(days) if days else None,
                "is_organic": row.get("organic", "").strip().lower() in TRUE_VALUES,
                "is_active": row.get("active", "y").strip().lower() in TRUE_VALUES,
                "supplier_page_url": row.get("supplier_page", "").strip(),
            },
        )
        photos_changed = False
        for column, role in IMAGE_COLUMNS:
            url = row.get(column, "").strip()
            stale = variety.images.filter(role=role)
            if url:
                stale = stale.exclude(source_url=url)
            stale.delete()
            if url:
                _, new = VarietyImage.objects.get_or_create(
                    variety=variety, source_url=url,
                    defaults={"role": role, "alt_text": f"{variety.species.common_name} '{variety.name}'"},
                )
                photos_changed |= new
        return variety, created, photos_changed
