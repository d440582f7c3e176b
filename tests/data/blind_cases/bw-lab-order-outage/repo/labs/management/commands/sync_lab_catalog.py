from django.core.management.base import BaseCommand

from labs.tasks import sync_lab_catalog


class Command(BaseCommand):
    help = "Refresh the list of tests offered by the reference lab."

    def handle(self, *args, **options):
        seen = sync_lab_catalog.apply().get()
        self.stdout.write(f"{seen} test(s) in catalogue")
