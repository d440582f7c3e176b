"""Load the monthly catalogue export of the music library.

CSV columns: isrc, title, artist, duration_s, label_code, publisher_code, publisher_share_pct
(label_code / publisher_code are society codes of rights holders that already exist).
"""
import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.isrc import is_valid_isrc, normalise_isrc
from catalog.models import RightsHolder, Track

REQUIRED = {"isrc", "title", "artist", "duration_s", "label_code", "publisher_code", "publisher_share_pct"}


class Command(BaseCommand):
    help = "Create or update tracks from the library's catalogue export (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate only, write nothing")

    def handle(self, *args, path, dry_run, **options):
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = REQUIRED - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{path}: missing columns {', '.join(sorted(missing))}")
            rows = list(reader)

        holders = {h.society_code: h for h in RightsHolder.objects.all()}
        created = updated = 0
        try:
            with transaction.atomic():
                for lineno, row in enumerate(rows, start=2):
                    created_now = self._import_row(row, holders, lineno)
                    created += created_now
                    updated += not created_now
                if dry_run:
                    transaction.set_rollback(True)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        verb = "would import" if dry_run else "imported"
        self.stdout.write(f"{verb} {len(rows)} tracks ({created} new, {updated} updated)")

    def _import_row(self, row, holders, lineno):
        isrc = normalise_isrc(row["isrc"])
        if not is_valid_isrc(isrc):
            raise ValueError(f"line {lineno}: invalid ISRC {row['isrc']!r}")
        label = holders.get(row["label_code"].strip())
        if label is None:
            raise ValueError(f"line {lineno}: unknown label {row['label_code']!r}")
        publisher = None
        if row["publisher_code"].strip():
            publisher = holders.get(row["publisher_code"].strip())
            if publisher is None:
                raise ValueError(f"line {lineno}: unknown publisher {row['publisher_code']!r}")
        share = int(row["publisher_share_pct"] or 0)
        if not 0 <= share <= 100:
            raise ValueError(f"line {lineno}: publisher share {share} out of range")
        _, created = Track.objects.update_or_create(
            isrc=isrc,
            defaults={
                "title": row["title"].strip(),
                "artist": row["artist"].strip(),
                "duration_s": int(row["duration_s"]),
                "label": label,
                "publisher": publisher,
                "publisher_share_pct": share,
            },
        )
        return created
