from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute invoice totals for one period"

    def add_arguments(self, parser):
        parser.add_argument("--period")

    def handle(self, *args, month=None, **options):
        self.stdout.write(str(month))
