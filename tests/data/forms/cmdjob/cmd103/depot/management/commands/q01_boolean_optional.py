import argparse

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Archive delivered parcels (--archive / --no-archive)"

    def add_arguments(self, parser):
        parser.add_argument("--archive", action=argparse.BooleanOptionalAction, default=True)

    def handle(self, *args, **options):
        return str(options["archive"])
