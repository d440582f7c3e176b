"""Load a delivery manifest from the scanning vendor.

The vendor sends one CSV per delivery with a row per file:

    box,filename,pages,sha256
    PW/0012,PW_0012_001.pdf,148,9f86d08...
"""
import csv
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from archive.models import Box, Fonds, ScanFile

REQUIRED_COLUMNS = {"box", "filename", "pages", "sha256"}


def parse_box_reference(value):
    try:
        code, number = value.strip().rsplit("/", 1)
        return code, int(number)
    except ValueError:
        raise CommandError(f"bad box reference {value!r}, expected e.g. PW/0012") from None


class Command(BaseCommand):
    help = "Import a scan delivery manifest (CSV) and mark the delivered boxes as scanned."

    def add_arguments(self, parser):
        parser.add_argument("manifest", help="path to the vendor's CSV manifest")

    def handle(self, *args, manifest, **options):
        try:
            with open(manifest, newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
                if missing:
                    raise CommandError(f"manifest is missing columns: {', '.join(sorted(missing))}")
                rows = list(reader)
        except FileNotFoundError:
            raise CommandError(f"no such file: {manifest}") from None

        files_by_box = defaultdict(list)
        for line, row in enumerate(rows, start=2):
            try:
                pages = int(row["pages"])
            except ValueError:
                raise CommandError(f"line {line}: pages is not a number: {row['pages']!r}") from None
            files_by_box[parse_box_reference(row["box"])].append(
                (row["filename"].strip(), pages, row["sha256"].strip().lower()))

        fonds_by_code = {f.code: f for f in Fonds.objects.filter(code__in={c for c, _ in files_by_box})}
        now = timezone.now()
        created = 0
        with transaction.atomic():
            for (code, number), files in files_by_box.items():
                if code not in fonds_by_code:
                    raise CommandError(f"unknown fonds {code!r} in manifest")
                try:
                    box = Box.objects.select_for_update().get(fonds=fonds_by_code[code], number=number)
                except Box.DoesNotExist:
                    raise CommandError(f"box {code}/{number:04d} is not registered") from None
                if box.status == Box.Status.WITHDRAWN:
                    raise CommandError(f"box {box} was withdrawn and cannot be delivered")
                for filename, pages, sha256 in files:
                    _, was_created = ScanFile.objects.update_or_create(
                        filename=filename,
                        defaults={"box": box, "pages": pages, "sha256": sha256, "delivered_at": now},
                    )
                    created += was_created
                box.page_count = box.scanned_pages()
                if box.status in (Box.Status.RECEIVED, Box.Status.AT_VENDOR):
                    box.status = Box.Status.SCANNED
                    box.scanned_at = now
                box.save(update_fields=["page_count", "status", "scanned_at"])
        self.stdout.write(f"{len(files_by_box)} boxes, {created} new scan files.")
