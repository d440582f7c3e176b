from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gauges.importing import DropError, load_drop


class Command(BaseCommand):
    help = "Load a telemetry drop file (station,timestamp,stage_mm[,flag])."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--skip-errors", action="store_true", help="skip bad lines instead of aborting")

    def handle(self, *args, path, skip_errors=False, **options):
        try:
            with open(path, encoding="utf-8", newline="") as fh, transaction.atomic():
                created, updated, errors = load_drop(fh, skip_errors=skip_errors)
        except FileNotFoundError:
            raise CommandError(f"no such file: {path}")
        except DropError as exc:
            raise CommandError(f"{path}: {exc} (nothing imported; use --skip-errors to load the rest)")
        for err in errors:
            self.stderr.write(f"skipped {err}")
        self.stdout.write(f"{created} new, {updated} updated, {len(errors)} skipped")
