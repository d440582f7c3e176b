from django.core.management.base import BaseCommand

from crm.tasks import import_legacy_contacts


class Command(BaseCommand):
    help = "Import the old CRM's customers (runs the import task in this process)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the SQLite export (default: settings.LEGACY_CRM_DB)")

    def handle(self, *args, path=None, **options):
        imported = import_legacy_contacts(path)
        self.stdout.write(f"{imported} contacts imported")
