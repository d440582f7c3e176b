from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from listings.importer import ImportFileError, MlsCsvImporter
from listings.services import expire_listings


class Command(BaseCommand):
    help = "Import the MLS CSV files waiting in MLS_DROP_DIR/incoming (or one --file)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="import this file only; it is not moved afterwards")
        parser.add_argument("--drop-dir", type=Path, default=None, help="defaults to settings.MLS_DROP_DIR")
        parser.add_argument("--no-expire", action="store_true",
                            help="do not expire listings whose agreement ended")

    def handle(self, *args, file=None, drop_dir=None, no_expire=False, **options):
        importer = MlsCsvImporter(drop_dir or settings.MLS_DROP_DIR)
        if file is not None:
            if not file.is_file():
                raise CommandError(f"{file} does not exist")
            try:
                results = [importer.import_file(file)]
            except ImportFileError as exc:
                raise CommandError(f"{file.name}: {exc}") from exc
        else:
            results = importer.import_all()
        for result in results:
            self.stdout.write(str(result))
            for line_no, reason in result.skipped:
                self.stdout.write(f"  line {line_no}: {reason}")
        if not results:
            self.stdout.write("no MLS files to import")
        if not no_expire:
            self.stdout.write(f"expired: {expire_listings()}")
