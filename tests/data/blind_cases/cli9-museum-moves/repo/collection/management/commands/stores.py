import argparse

import click
from django.core.management.base import BaseCommand, CommandError

from collection.cli import CliContext, cli
from collection.cli.context import default_operator


class Command(BaseCommand):
    help = (
        "Collection stores tool. Sub-commands: move, where, audit, labels issue|retire. "
        "e.g. `manage.py stores move --to ST-B2-04 --from-file scans.csv`; "
        "`manage.py stores move --help` for a sub-command's options."
    )

    def add_arguments(self, parser):
        parser.add_argument("--operator", help="name recorded on movements and audits (default: $STORES_OPERATOR "
                                               "or the login name)")
        parser.add_argument("cli_args", nargs=argparse.REMAINDER, metavar="SUBCOMMAND ...")

    def handle(self, *args, cli_args=(), operator=None, verbosity=1, **options):
        app = CliContext(stdout=self.stdout, stderr=self.stderr,
                         operator=operator or default_operator(), verbosity=verbosity)
        try:
            code = cli.main(args=list(cli_args), prog_name="manage.py stores", standalone_mode=False, obj=app)
        except click.ClickException as exc:
            raise CommandError(exc.format_message()) from exc
        except click.Abort:
            raise CommandError("aborted") from None
        if isinstance(code, int) and code:
            raise CommandError(f"exited with status {code}", returncode=code)
