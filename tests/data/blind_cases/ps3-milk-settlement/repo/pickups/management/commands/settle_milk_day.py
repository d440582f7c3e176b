import logging
from datetime import date, timedelta
from decimal import Decimal
from functools import reduce
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from members.models import Farm, PriceSchedule
from pickups.jobs.settlement import farm_day_totals, price_day
from pickups.models import DailyMilkSupply

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Total and price one day's milk supply per farm from the tanker uploads (PySpark)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="collection day (default: yesterday)")
        parser.add_argument("--in", dest="directory", help="directory of the day's tanker CSVs "
                                                            "(default: TANKER_ROOT/<date>)")

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        directory = Path(options["directory"] or Path(settings.MILK["TANKER_ROOT"]) / day.isoformat())
        files = sorted(directory.glob("*.csv"))
        if not files:
            raise CommandError(f"no tanker uploads in {directory}")
        schedule = PriceSchedule.for_day(day)
        if schedule is None:
            raise CommandError(f"no price schedule valid on {day}")

        spark = (
            SparkSession.builder.appName(f"settle-milk-{day}")
            .master(settings.MILK["SPARK_MASTER"])
            .config("spark.sql.session.timeZone", settings.TIME_ZONE)
            .getOrCreate()
        )
        pickups = self.load_pickups(spark, files)
        totals = farm_day_totals(pickups, settings.MILK["MILK_DENSITY_KG_L"]).collect()

        farms = {f.code: f for f in Farm.objects.filter(code__in=[t["farm_code"] for t in totals])}
        saved = 0
        with transaction.atomic():
            for t in totals:
                farm = farms.get(t["farm_code"])
                if farm is None:
                    logger.warning("pickup for unknown farm %r on %s", t["farm_code"], day)
                    continue
                DailyMilkSupply.objects.update_or_create(
                    farm=farm, day=day,
                    defaults={
                        "pickups": t["pickups"],
                        "litres": Decimal(str(t["litres"])),
                        "fat_kg": Decimal(str(t["fat_kg"])),
                        "protein_kg": Decimal(str(t["protein_kg"])),
                        "max_temp_c": Decimal(str(t["max_temp_c"])).quantize(Decimal("0.1")),
                        "mean_scc": t["mean_scc"],
                        "amount": price_day(t, schedule, settings.MILK["SCC_PENALTY_ABOVE"],
                                            settings.MILK["SCC_PENALTY"]),
                    },
                )
                saved += 1
        self.stdout.write(f"{day}: {len(files)} tanker files, {saved} farms settled")

    def load_pickups(self, spark, files):
        """All pickups of the day, one row per pickup, tagged with the tanker (the file name)."""
        frames = []
        for path in files:
            frame = spark.read.option("header", True).csv(str(path))
            frames.append(frame.withColumn("tanker", F.lit(path.stem)))
        return reduce(DataFrame.union, frames)
