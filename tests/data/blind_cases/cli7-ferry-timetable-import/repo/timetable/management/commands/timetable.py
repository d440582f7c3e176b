import argparse
import os

import click
from django.core.management.base import BaseCommand, CommandError

from timetable.cli import cli


class Command(BaseCommand):
    help = "Timetable tools; run `manage.py timetable --help` for the subcommands."

    def add_arguments(self, parser):
        parser.add_argument("click_args", nargs=argparse.REMAINDER)

    def run_from_argv(self, argv):
        # Let click parse the whole command line (its own --help, options, exit codes).
        prog = f"{os.path.basename(argv[0])} {argv[1]}"
        cli.main(args=argv[2:], prog_name=prog)

    def handle(self, *args, click_args=(), **options):
        # call_command() path (tests, other code): no sys.exit, errors as CommandError
        try:
            cli.main(args=list(click_args), prog_name="manage.py timetable", standalone_mode=False)
        except click.ClickException as exc:
            raise CommandError(exc.format_message())
