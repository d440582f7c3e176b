import click
import django


@click.command()
@click.option("--verify/--no-verify", default=True)
def reindex(verify):
    django.setup()
    click.echo(verify)


if __name__ == "__main__":
    reindex()
