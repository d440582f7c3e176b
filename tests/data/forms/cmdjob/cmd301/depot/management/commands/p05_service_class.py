from django.core.management.base import BaseCommand

from depot.services import ReminderImporter


class Command(BaseCommand):
    help = "Import reminders through the importer service"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        ReminderImporter(options["path"]).run()
