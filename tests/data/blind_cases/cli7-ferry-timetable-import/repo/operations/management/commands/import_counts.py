from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.services import CountImportError, import_counts, read_counts_csv


class Command(BaseCommand):
    help = "Import the pursers' passenger/car count sheet (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file; relative names are looked up in the import directory")

    def handle(self, *args, path, **options):
        csv_path = Path(path)
        if not csv_path.is_absolute() and not csv_path.exists():
            csv_path = Path(settings.HARBOURLINE["IMPORT_DIR"]) / csv_path
        if not csv_path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            saved = import_counts(read_counts_csv(csv_path))
        except CountImportError as exc:
            raise CommandError(f"{csv_path.name}: {exc}")
        self.stdout.write(f"{saved} count(s) saved")
