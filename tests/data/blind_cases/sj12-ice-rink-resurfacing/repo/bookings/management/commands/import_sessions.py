from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bookings.feed import import_file


class Command(BaseCommand):
    help = "Import a session export from the booking office (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        result = import_file(path)
        if result is None:
            self.stdout.write("Export unchanged since the last import, nothing to do.")
            return
        self.stdout.write(f"{result.created} sessions created, {result.updated} updated.")
        for error in result.errors:
            self.stderr.write(f"  {error}")
