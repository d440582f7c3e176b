from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from analytics.jobs import attendant_credits, linen_usage, turnaround
from analytics.spark import get_spark
from analytics.writeback import store_attendant_days
from housekeeping.models import Property

JOBS = ("credits", "linen", "turnaround")


class Command(BaseCommand):
    help = "Run the nightly housekeeping Spark jobs (attendant credits, linen usage, turnaround) for one property."

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True)
        parser.add_argument("--date", type=date.fromisoformat, help="business date, default: yesterday")
        parser.add_argument("--only", choices=JOBS, action="append", help="run only these jobs")

    def handle(self, *args, **options):
        code = options["property"]
        if not Property.objects.filter(code=code).exists():
            raise CommandError(f"unknown property {code!r}")
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        jobs = options["only"] or JOBS
        lake = settings.ANALYTICS["LAKE_ROOT"]
        tasks = f"{lake}/cleaning_tasks/{code}/{day.isoformat()}"
        spark = get_spark(f"housekeeping-{code}-{day}", master=settings.ANALYTICS["SPARK_MASTER"])
        try:
            if "credits" in jobs:
                rows = attendant_credits.run(spark, tasks, code, f"{lake}/attendant_credits/{code}/{day.isoformat()}")
                unknown = store_attendant_days(code, rows)
                self.stdout.write(f"attendant_credits {code} {day}: {len(rows)} attendants")
                if unknown:
                    self.stderr.write(f"unknown badges: {', '.join(sorted(unknown))}")
            if "linen" in jobs:
                count = linen_usage.run(spark, tasks, code, f"{lake}/linen_usage/{code}/{day.isoformat()}")
                self.stdout.write(f"linen_usage {code} {day}: {count} items")
            if "turnaround" in jobs:
                count = turnaround.run(spark, tasks, code, f"{lake}/turnaround/{code}/{day.isoformat()}")
                self.stdout.write(f"turnaround {code} {day}: {count} floors")
        finally:
            spark.stop()
