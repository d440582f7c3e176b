import django
import typer

app = typer.Typer()


@app.command()
def export(gzip: bool = typer.Option(True, help="typer makes --gzip/--no-gzip")):
    django.setup()
    typer.echo(gzip)


if __name__ == "__main__":
    app()
