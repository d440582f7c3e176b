from django.core.management.base import BaseCommand, CommandError

from fuel.importer import PumpLogImporter


class Command(BaseCommand):
    help = "Import the pump logs waiting in the share now (same code as the nightly job)."

    def add_arguments(self, parser):
        parser.add_argument("--root", help="shared folder to import from (default: settings.FUEL_LOG_ROOT)")

    def handle(self, *args, root=None, **options):
        importer = PumpLogImporter(root) if root else PumpLogImporter.from_settings()
        pending = importer.pending_files()
        self.stdout.write(f"{len(pending)} file(s) waiting in {importer.incoming_dir}")
        result = importer.run()
        if result is None:
            raise CommandError(f"another import is running ({importer.lock_holder() or 'lock file present'})")
        for name in result.rejected:
            self.stderr.write(f"rejected: {name}")
        self.stdout.write(str(result))
