import csv
import os

import click
import django
from django.db import transaction


@click.command()
@click.argument("path", type=click.Path(exists=True))
def import_customers(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Customer

    with open(path, newline="", encoding="utf-8") as fh:
        with transaction.atomic():
            for email, name in csv.reader(fh):
                Customer.objects.create(email=email, name=name)


if __name__ == "__main__":
    import_customers()
