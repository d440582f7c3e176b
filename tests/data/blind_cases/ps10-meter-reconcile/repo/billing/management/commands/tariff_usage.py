import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from billing.models import Meter
from billing.usage import TariffUsageSummary
from gridbill.spark import get_session
from metering.readings import load_readings


class Command(BaseCommand):
    help = "Monthly kWh per tariff from the meter readings, as CSV."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)
        parser.add_argument("--readings", default=None, help="default: settings.METERING['READINGS_PATH']")

    def handle(self, *args, output, readings, **options):
        meter_tariffs = dict(Meter.objects.values_list("serial", "household__tariff__code"))
        spark = get_session("tariff-usage")
        try:
            rows = TariffUsageSummary(
                spark, load_readings(spark, readings or settings.METERING["READINGS_PATH"])
            ).by_tariff(meter_tariffs)
        finally:
            spark.stop()
        with output.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["tariff", "month", "meters", "kwh"])
            writer.writerows(rows)
        self.stdout.write(f"wrote {len(rows)} rows to {output}")
