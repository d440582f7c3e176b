import argparse

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Email customers (--notify / --no-notify)"

    def add_arguments(self, parser):
        parser.add_argument("--notify", action=argparse.BooleanOptionalAction, default=True)

    def handle(self, *args, **options):
        return str(options["notify"])
