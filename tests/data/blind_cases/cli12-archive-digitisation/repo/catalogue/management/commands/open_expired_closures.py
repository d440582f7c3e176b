from django.core.management.base import BaseCommand
from django.utils import timezone

from catalogue.models import CatalogueEntry


class Command(BaseCommand):
    help = "Open catalogue entries whose closure period has ended (run on 1 January)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="act as if it was this year")

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year
        opened = CatalogueEntry.objects.filter(
            access=CatalogueEntry.Access.CLOSED, open_from_year__lte=year
        ).update(access=CatalogueEntry.Access.OPEN)
        self.stdout.write(f"Opened {opened} entries (closure ended by {year}).")
