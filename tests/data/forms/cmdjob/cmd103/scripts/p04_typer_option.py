import os

import django
import typer

app = typer.Typer()


@app.command()
def export(gzip: bool = typer.Option(True, "--gzip", help="compress the export")):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Invoice

    typer.echo(f"{Invoice.objects.count()} invoices, gzip={gzip}")


if __name__ == "__main__":
    app()
