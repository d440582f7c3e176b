from django.core.management.base import BaseCommand, CommandError

from vineyard.spray_diary import export_spray_diary


class Command(BaseCommand):
    help = "Write the spray diary of the last N days to the outbox as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        path, count = export_spray_diary(days=days)
        self.stdout.write(f"wrote {count} spray record(s) to {path}")
