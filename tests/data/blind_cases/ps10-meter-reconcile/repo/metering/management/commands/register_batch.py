import csv
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from metering.models import ReadingBatch


def _parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


class Command(BaseCommand):
    help = "Record a head-end readings file that was copied into the lake (rows and time range)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        rows = 0
        first = last = None
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                try:
                    read_at = _parse(row["read_at"])
                except (KeyError, ValueError) as exc:
                    raise CommandError(f"{path}: bad read_at on data row {rows + 1}: {exc}") from exc
                first = read_at if first is None else min(first, read_at)
                last = read_at if last is None else max(last, read_at)
                rows += 1
        batch, created = ReadingBatch.objects.update_or_create(
            source_file=str(path),
            defaults={"rows": rows, "first_read_at": first, "last_read_at": last,
                      "status": ReadingBatch.Status.LANDED},
        )
        verb = "registered" if created else "updated"
        self.stdout.write(f"{verb} {batch.source_file}: {rows} rows")
