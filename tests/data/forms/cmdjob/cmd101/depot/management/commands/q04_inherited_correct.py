from depot.management.lib.base import DepotCommand


class Command(DepotCommand):
    help = "Count a customer's invoices"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--period")

    def handle(self, *args, customer_id=None, period=None, **options):
        return f"{customer_id} {period}"
