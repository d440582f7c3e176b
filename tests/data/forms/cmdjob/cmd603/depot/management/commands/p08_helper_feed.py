from django.core.management.base import BaseCommand

from depot.feeds import write_customer_feed


class Command(BaseCommand):
    help = "Write the customer feed (the helper writes it)"

    def handle(self, *args, **options):
        write_customer_feed()
