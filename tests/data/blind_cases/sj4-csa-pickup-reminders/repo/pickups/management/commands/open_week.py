from datetime import date

from django.core.management.base import BaseCommand, CommandError

from pickups.services.schedule import open_week


class Command(BaseCommand):
    help = "Open the pickup days of a week (the Monday given) and allocate boxes. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("monday", help="YYYY-MM-DD, a Monday")

    def handle(self, *args, **options):
        try:
            monday = date.fromisoformat(options["monday"])
        except ValueError as exc:
            raise CommandError(f"not a date: {options['monday']}") from exc
        if monday.weekday() != 0:
            raise CommandError(f"{monday} is not a Monday")
        days, boxes = open_week(monday)
        self.stdout.write(f"{days} pickup days created, {boxes} boxes allocated")
