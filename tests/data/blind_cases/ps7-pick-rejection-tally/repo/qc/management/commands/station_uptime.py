from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from qc.jobs import station_uptime
from qc.reporting import record_uptime
from qc.spark import get_spark


class Command(BaseCommand):
    help = "Daily waveform availability per channel from the archive segment listing."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="UTC day, default: yesterday")
        parser.add_argument("--max-gap", type=float, default=1.0, help="seconds, default 1.0")

    def handle(self, *args, **options):
        day = options["date"] or timezone.now().date() - timedelta(days=1)
        cfg = settings.QC
        source = f"{cfg['LAKE_ROOT']}/segments/{day.isoformat()}"
        spark = get_spark(f"station-uptime-{day}", master=cfg["SPARK_MASTER"])
        try:
            channels, bad_lines = station_uptime.run(spark, source, options["max_gap"])
        finally:
            spark.stop()
        stored = record_uptime(day, channels)
        self.stdout.write(f"station_uptime {day}: {stored} channels stored, {bad_lines} unparsable lines")
