from django.core.management.base import BaseCommand

from depot.exporting import prepare_export_dir


class Command(BaseCommand):
    help = "Prepare the export directory (the helper creates it)"

    def handle(self, *args, **options):
        self.stdout.write(prepare_export_dir())
