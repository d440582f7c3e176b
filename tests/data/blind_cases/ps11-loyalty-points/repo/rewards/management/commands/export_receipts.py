from django.conf import settings
from django.core.management.base import BaseCommand

from rewards.jobs.export_receipts import run_export_receipts
from rewards.spark import build_spark_session

from ._dates import business_date_arg


class Command(BaseCommand):
    help = "Per-store sales summary for one business day (StoreDailySales + parquet export for BI)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="business day, YYYY-MM-DD (default: yesterday)")
        parser.add_argument("--receipts", help="receipts path (default: settings.RECEIPTS_PATH for the day)")
        parser.add_argument("--output", help="parquet export folder (default: settings.SALES_EXPORT_PATH)")
        parser.add_argument("--no-export", action="store_true", help="only update StoreDailySales")

    def handle(self, *args, **options):
        business_date = business_date_arg(options["date"])
        output = None
        if not options["no_export"]:
            output = options["output"] or settings.SALES_EXPORT_PATH.format(date=business_date)

        spark = build_spark_session(f"export-receipts-{business_date}")
        try:
            stores = run_export_receipts(spark, business_date, options["receipts"], output)
        finally:
            spark.stop()
        self.stdout.write(self.style.SUCCESS(f"{business_date}: sales summary for {stores} stores"))
