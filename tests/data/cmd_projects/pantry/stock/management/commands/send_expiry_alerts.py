from django.core.management.base import BaseCommand

from stock.alerts import alert_agencies, expiring_items


class Command(BaseCommand):
    help = "Log expiry alerts for partner agencies and email them (cron: daily 07:00)"

    def add_arguments(self, parser):
        parser.add_argument("--notify", type=bool, default=True, help="email the agencies (true/false)")

    def handle(self, *args, **options):
        items = list(expiring_items())
        sent = alert_agencies(items, notify=options["notify"])
        self.stdout.write(f"{len(items)} item(s) expiring, {sent} agency email(s) sent")
