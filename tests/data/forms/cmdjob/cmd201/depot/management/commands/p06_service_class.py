from django.core.management.base import BaseCommand

from depot.services import InvoicePoller


class Command(BaseCommand):
    help = "Run the invoice poller (the loop is in a service class)"

    def handle(self, *args, **options):
        InvoicePoller(interval=20).run()
