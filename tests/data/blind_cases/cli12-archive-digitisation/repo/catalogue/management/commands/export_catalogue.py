"""Read-only CSV export of the finding aid for the public portal."""
import csv
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from catalogue.models import CatalogueEntry

COLUMNS = ["reference_code", "title", "level", "date_range", "extent", "access", "open_from_year", "fonds", "creator"]


def export_rows(entries):
    for entry in entries:
        fonds = entry.box.fonds
        yield {
            "reference_code": entry.reference_code,
            "title": entry.title,
            "level": entry.level,
            "date_range": entry.date_range,
            "extent": entry.extent,
            "access": entry.access,
            "open_from_year": entry.open_from_year or "",
            "fonds": f"{fonds.code} {fonds.title}",
            "creator": fonds.creator,
        }


class Command(BaseCommand):
    help = "Export catalogue entries as CSV (published entries only unless --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="include unpublished entries")
        parser.add_argument("--output", "-o", help="file to write, '-' for stdout (default: ARCHIVE_EXPORT_DIR)")

    def handle(self, *args, all=False, output=None, **options):
        entries = CatalogueEntry.objects.select_related("box__fonds").order_by("reference_code")
        if not all:
            entries = entries.filter(published=True)

        if output == "-":
            count = self._write(entries, self.stdout)
            self.stderr.write(f"exported {count} entries")
            return
        if output is None:
            export_dir = Path(settings.ARCHIVE_EXPORT_DIR)
            export_dir.mkdir(parents=True, exist_ok=True)
            output = export_dir / f"catalogue-{timezone.localdate():%Y%m%d}.csv"
        with open(output, "w", newline="", encoding="utf-8") as fh:
            count = self._write(entries, fh)
        self.stdout.write(f"exported {count} entries to {output}")

    def _write(self, entries, fh):
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        count = 0
        for row in export_rows(entries.iterator(chunk_size=500)):
            writer.writerow(row)
            count += 1
        return count
