from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from analytics.jobs import sku_revenue
from analytics.spark import get_spark
from shops.loading import load_sku_revenue


class Command(BaseCommand):
    help = "Run the daily SKU revenue Spark job for one day and load the result."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="default: yesterday")
        parser.add_argument("--no-load", action="store_true", help="only write the parquet output")

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        lake = settings.ANALYTICS["LAKE_ROOT"]
        out = f"{lake}/sku_revenue/{day.isoformat()}"
        spark = get_spark(f"sku-revenue-{day}", master=settings.ANALYTICS["SPARK_MASTER"])
        try:
            rows = sku_revenue.run(spark, f"{lake}/till_sales/{day.isoformat()}", f"{lake}/web_orders/{day.isoformat()}", out)
            self.stdout.write(f"sku_revenue {day}: {rows} rows")
            if not options["no_load"]:
                loaded, skipped = load_sku_revenue(day, [r.asDict() for r in spark.read.parquet(out).collect()])
                self.stdout.write(f"loaded {loaded}, skipped {skipped} (unknown store)")
        finally:
            spark.stop()
