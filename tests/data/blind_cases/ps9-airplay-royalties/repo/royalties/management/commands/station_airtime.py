from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from royalties.jobs import station_airtime
from royalties.spark import get_spark


class Command(BaseCommand):
    help = "Write the daypart airtime report of one day."

    def add_arguments(self, parser):
        parser.add_argument("day", help="YYYY-MM-DD")
        parser.add_argument("--plays", help="playout logs (default: the lake's playout/YYYY-MM/)")
        parser.add_argument("--master")

    def handle(self, *args, day, plays, master, **options):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            raise CommandError(f"not a date: {day!r}")
        root = settings.ROYALTIES["LAKE_ROOT"]
        plays = plays or f"{root}/playout/{day:%Y-%m}/"
        out = f"{root}/airtime/{day.isoformat()}/"
        spark = get_spark(f"station-airtime-{day}", master)
        try:
            rows = station_airtime.run(spark, plays, day, out)
        finally:
            spark.stop()
        self.stdout.write(f"station airtime {day}: {rows} rows")
