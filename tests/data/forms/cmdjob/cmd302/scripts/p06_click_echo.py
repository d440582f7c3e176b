import csv
import os

import click
import django


@click.command()
@click.argument("path")
def load(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Customer

    with open(path, newline="", encoding="utf-8") as fh:
        rows = [Customer(email=email, name=name) for email, name in csv.reader(fh)]
    Customer.objects.bulk_create(rows, ignore_conflicts=True)
    click.echo(f"{len(rows)} customers imported")


if __name__ == "__main__":
    load()
