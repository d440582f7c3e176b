from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from germination.importers import ResultRowError, import_results


class Command(BaseCommand):
    help = "Import germination test results (CSV from the lab)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            with path.open(newline="", encoding="utf-8-sig") as fh:
                count = import_results(fh)
        except FileNotFoundError:
            raise CommandError(f"no such file: {path}")
        except ResultRowError as exc:
            raise CommandError(str(exc))
        self.stdout.write(self.style.SUCCESS(f"{count} result(s) imported"))
