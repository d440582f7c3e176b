from django.core.management.base import BaseCommand

from clinic.importing import AppointmentImporter


class Command(BaseCommand):
    help = "Import appointments from the booking partner's JSON feed"

    def add_arguments(self, parser):
        parser.add_argument("feed")

    def handle(self, *args, **options):
        count = AppointmentImporter().run(options["feed"])
        self.stdout.write(f"{count} appointment(s) imported")
