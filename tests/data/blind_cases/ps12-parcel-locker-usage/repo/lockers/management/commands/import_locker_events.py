from django.core.management.base import BaseCommand, CommandError

from lockers.events import import_csv


class Command(BaseCommand):
    help = "Import a deposit/pickup/return export from the locker controllers (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--strict", action="store_true", help="fail if any row is rejected")

    def handle(self, *args, path, strict=False, **options):
        try:
            with open(path, newline="", encoding="utf-8") as fh:
                applied, duplicates, errors = import_csv(fh)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        for error in errors:
            self.stderr.write(error)
        self.stdout.write(f"{applied} applied, {duplicates} duplicates, {len(errors)} rejected")
        if strict and errors:
            raise CommandError(f"{len(errors)} rows rejected")
