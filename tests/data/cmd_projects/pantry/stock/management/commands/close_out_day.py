import argparse

from django.core.management.base import BaseCommand

from stock.alerts import alert_agencies, expiring_items


class Command(BaseCommand):
    help = "End-of-day close: alerts for items expiring, optionally emailed"

    def add_arguments(self, parser):
        parser.add_argument("--notify", action=argparse.BooleanOptionalAction, default=False)
        parser.add_argument("--days", type=int, default="7")

    def handle(self, *args, **options):
        items = list(expiring_items())
        sent = alert_agencies(items, notify=options["notify"])
        self.stdout.write(f"closed: {len(items)} item(s), {sent} email(s)")
