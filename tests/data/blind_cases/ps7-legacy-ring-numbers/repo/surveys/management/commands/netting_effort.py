from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from surveys.jobs import netting_effort
from surveys.paths import effort_paths
from surveys.spark import get_spark


class Command(BaseCommand):
    help = "Net-metre-hours per site and month for one season."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="season, default: the current year")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year
        legacy, app = effort_paths(year)
        spark = get_spark(f"netting-effort-{year}", master=settings.SURVEYS["SPARK_MASTER"])
        try:
            rows = netting_effort.run(spark, legacy, app, year)
        finally:
            spark.stop()
        for site, month, nmh, sessions in rows:
            self.stdout.write(f"{site} {year}-{month:02d}: {nmh} net-metre-hours in {sessions} sessions")
