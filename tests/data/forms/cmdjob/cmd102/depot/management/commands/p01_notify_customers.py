from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Email every active customer about parcels waiting at the depot"

    def add_arguments(self, parser):
        parser.add_argument("--notify", type=bool, default=True, help="send the emails")

    def handle(self, *args, **options):
        customers = Customer.objects.filter(active=True)
        if options["notify"]:
            self.stdout.write(f"notifying {customers.count()} customers")
