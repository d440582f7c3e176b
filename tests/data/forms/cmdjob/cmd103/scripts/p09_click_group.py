import os

import click
import django


@click.group()
def cli():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()


@cli.command()
@click.option("--notify", "notify", is_flag=True, default=True)
def remind(notify):
    from depot.models import Reminder

    click.echo(f"{Reminder.objects.filter(sent_at__isnull=True).count()} due, notify={notify}")


if __name__ == "__main__":
    cli()
