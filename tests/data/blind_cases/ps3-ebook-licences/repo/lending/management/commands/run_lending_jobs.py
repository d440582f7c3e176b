from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from lending.jobs import licence_usage
from lending.spark import spark_session
from reports.jobs import branch_circulation


class Command(BaseCommand):
    help = "Nightly Spark jobs on one day of loan events: licence usage and branch circulation."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="library-local day (default: yesterday)")
        parser.add_argument("--lake", help="lake root (default: LENDING['LAKE_ROOT'])")
        parser.add_argument("--only", choices=["licences", "circulation"])

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        lake = options["lake"] or settings.LENDING["LAKE_ROOT"]
        events = f"{lake}/loan_events/{day.isoformat()}"
        with spark_session(f"lending-{day}", master=settings.LENDING["SPARK_MASTER"]) as spark:
            if options["only"] in (None, "licences"):
                rows = licence_usage.run(spark, events, day)
                self.stdout.write(f"licence usage {day}: {rows} licences")
            if options["only"] in (None, "circulation"):
                rows = branch_circulation.run(spark, events, day)
                self.stdout.write(f"branch circulation {day}: {rows} rows")
