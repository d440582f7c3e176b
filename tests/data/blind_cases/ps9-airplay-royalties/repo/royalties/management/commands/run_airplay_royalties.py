from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from royalties.jobs import airplay_royalties
from royalties.models import RoyaltyPeriod
from royalties.spark import get_spark


def month(value):
    try:
        year, mon = (int(part) for part in value.split("-"))
        if not 1 <= mon <= 12:
            raise ValueError
    except ValueError:
        raise CommandError(f"period must look like 2024-05, not {value!r}")
    return year, mon


class Command(BaseCommand):
    help = "Compute the airplay royalty statement lines of one month with Spark."

    def add_arguments(self, parser):
        parser.add_argument("period", type=month, help="YYYY-MM")
        parser.add_argument("--plays", help="playout logs of the month (default: the lake's playout/YYYY-MM/)")
        parser.add_argument("--out", help="parquet output (default: the lake's royalties/YYYY-MM/)")
        parser.add_argument("--master", help="Spark master, default from settings")

    def handle(self, *args, period, plays, out, master, **options):
        period = RoyaltyPeriod.for_month(*period)
        root = settings.ROYALTIES["LAKE_ROOT"]
        plays = plays or f"{root}/playout/{period.label}/"
        out = out or f"{root}/royalties/{period.label}/"
        spark = get_spark(f"airplay-royalties-{period.label}", master)
        try:
            result = airplay_royalties.run(spark, plays, period, out)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            spark.stop()
        self.stdout.write(
            f"airplay royalties {period.label}: {result['lines']} statement lines, "
            f"{result['unmatched_plays']} unmatched plays"
        )
