import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.isbn import normalise_isbn
from catalog.models import Genre, Title

FIELDS = ("isbn", "title", "author", "genre", "audience", "publication_year")


class Command(BaseCommand):
    help = "Load or update catalogue titles from the cataloguing team's CSV extract."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, dry_run=False, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        created = updated = skipped = 0
        with path.open(newline="", encoding="utf-8") as fh, transaction.atomic():
            reader = csv.DictReader(fh)
            missing = set(FIELDS[:2]) - set(reader.fieldnames or ())
            if missing:
                raise CommandError(f"missing columns: {', '.join(sorted(missing))}")
            for line_no, row in enumerate(reader, start=2):
                isbn = normalise_isbn(row.get("isbn"))
                if not isbn:
                    self.stderr.write(f"line {line_no}: bad ISBN {row.get('isbn')!r}, skipped")
                    skipped += 1
                    continue
                genre = (row.get("genre") or "").strip().lower().replace("-", "_").replace(" ", "_")
                if genre and genre not in Genre.values:
                    self.stderr.write(f"line {line_no}: unknown genre {genre!r}, left blank")
                    genre = ""
                year = (row.get("publication_year") or "").strip()
                defaults = {
                    "title": row["title"].strip()[:255],
                    "author": (row.get("author") or "").strip()[:255],
                    "genre": genre,
                    "audience": (row.get("audience") or Title.Audience.ADULT).strip().lower(),
                    "publication_year": int(year) if year.isdigit() else None,
                }
                _, was_created = Title.objects.update_or_create(isbn=isbn, defaults=defaults)
                created += was_created
                updated += not was_created
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(f"titles: {created} created, {updated} updated, {skipped} skipped"
                          + (" (dry run)" if dry_run else ""))
