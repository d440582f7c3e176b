from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ringing.tasks import submit_season_summary
from surveys.jobs import season_report
from surveys.paths import season_paths
from surveys.spark import get_spark
from surveys.storage import store_season


class Command(BaseCommand):
    help = "Per-species season figures (new birds, retraps, controls) over the full capture history."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="season, default: the current year")
        parser.add_argument("--submit", action="store_true", help="mail the figures to the national scheme")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year
        if year < settings.SURVEYS["FIRST_SEASON"]:
            raise CommandError(f"no data before {settings.SURVEYS['FIRST_SEASON']}")
        legacy, app = season_paths(year)
        spark = get_spark(f"season-report-{year}", master=settings.SURVEYS["SPARK_MASTER"])
        try:
            figures = season_report.run(spark, legacy, app, year)
        finally:
            spark.stop()
        stored = store_season(year, figures)
        self.stdout.write(f"season {year}: {stored} species stored")
        for f in sorted(figures.values(), key=lambda f: f.species):
            self.stdout.write(f"  {f.species}: new {f.new_birds}, retraps {f.retraps_same_season}/"
                              f"{f.retraps_earlier_seasons}, controls {f.controls}")
        if options["submit"]:
            submit_season_summary.delay(year)
