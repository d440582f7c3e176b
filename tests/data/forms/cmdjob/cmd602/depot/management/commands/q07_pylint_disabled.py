from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Print the customers listed in a file (the operator's locale decides how it is read)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        # the file comes from the operator's own machine: read it in their locale on purpose
        # pylint: disable=unspecified-encoding
        with open(options["path"]) as fh:
            names = [line.strip() for line in fh if line.strip()]
        for customer in Customer.objects.filter(name__in=names):
            self.stdout.write(customer.email)
