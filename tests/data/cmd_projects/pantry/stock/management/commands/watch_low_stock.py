import time

from django.core.management.base import BaseCommand

from stock.models import Item


class Command(BaseCommand):
    help = "Print the items without an expiry date every --interval seconds; a database error ends the process"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=600)

    def handle(self, *args, **options):
        while True:
            count = Item.objects.filter(expires_on__isnull=True).count()
            self.stdout.write(f"{count} item(s) without an expiry date")
            time.sleep(options["interval"])
