import csv

from django.core.management.base import BaseCommand
from django.db import transaction

from depot.models import Customer


class Command(BaseCommand):
    help = "Create customers, all or nothing (decorated handle)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for email, name in csv.reader(fh):
                Customer.objects.create(email=email, name=name)
