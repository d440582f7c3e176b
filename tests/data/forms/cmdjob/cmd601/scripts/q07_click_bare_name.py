import os
from pathlib import Path

import click
import django


@click.command()
def export_customers():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Customer

    with Path("customers.txt").open("w", encoding="utf-8") as fh:
        fh.writelines(f"{c.email}\n" for c in Customer.objects.all())


if __name__ == "__main__":
    export_customers()
