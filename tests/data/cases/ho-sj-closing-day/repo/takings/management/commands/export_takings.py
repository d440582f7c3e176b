"""CSV export of closed days for the accountants."""
import csv
from datetime import date

from django.core.management.base import BaseCommand

from takings.models import DailyTakings


class Command(BaseCommand):
    help = "Print the closed takings between two days as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True)

    def handle(self, *args, start, end, **options):
        writer = csv.writer(self.stdout)
        writer.writerow(["business_day", "store", "gross_yen", "sales", "refunds"])
        for row in DailyTakings.objects.filter(business_day__range=(start, end)).select_related("store"):
            writer.writerow([row.business_day, row.store.code, row.gross_yen, row.sales, row.refunds])
