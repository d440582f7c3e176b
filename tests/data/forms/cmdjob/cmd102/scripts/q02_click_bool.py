import click


@click.command()
@click.option("--notify", type=bool, default=True, help="click parses false/0/no as False")
def main(notify):
    click.echo(notify)


if __name__ == "__main__":
    main()
