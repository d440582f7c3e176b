from datetime import date

from django.core.management.base import BaseCommand

from inventory.stock import expire_units


class Command(BaseCommand):
    help = "Mark units past their expiry date as expired (nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="run as if today was this date")

    def handle(self, *args, today=None, **options):
        count = expire_units(today=today)
        self.stdout.write(f"expired {count} unit(s)")
