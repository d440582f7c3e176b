from django.core.management.base import BaseCommand

from depot.reminding import send_reminders


class Command(BaseCommand):
    help = "Send reminders (options handed to the service)"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--max", type=int, dest="max_count")

    def handle(self, *args, **options):
        send_reminders(dry_run=options["dry_run"], limit=options["max"])
