from sys import exit

from django.core.management.base import BaseCommand, CommandError

from depot.models import Customer


class Command(BaseCommand):
    help = "Deactivate one customer by email"

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        customer = Customer.objects.filter(email=options["email"]).first()
        if customer is None:
            exit("no such customer")
        customer.active = False
        customer.save(update_fields=["active"])
