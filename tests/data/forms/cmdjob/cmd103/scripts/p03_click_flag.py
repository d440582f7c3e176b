import os

import click
import django


@click.command()
@click.option("--verify", is_flag=True, default=True, help="check every parcel code")
def reindex(verify):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Parcel

    click.echo(f"{Parcel.objects.count()} parcels, verify={verify}")


if __name__ == "__main__":
    reindex()
