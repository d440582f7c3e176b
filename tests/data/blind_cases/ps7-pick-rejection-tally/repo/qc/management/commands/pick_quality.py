from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from qc.jobs import pick_quality
from qc.reporting import record_quality
from qc.spark import get_spark


class Command(BaseCommand):
    help = "Daily phase-pick quality per station; raises pick-quality alerts."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="UTC day, default: yesterday")
        parser.add_argument("--source", help="picks export (default: <lake>/picks/<day>)")
        parser.add_argument("--no-usable-output", action="store_true",
                            help="do not write the screened picks for the relocation run")

    def handle(self, *args, **options):
        day = options["date"] or timezone.now().date() - timedelta(days=1)
        cfg = settings.QC
        lake = cfg["LAKE_ROOT"]
        source = options["source"] or f"{lake}/picks/{day.isoformat()}"
        usable_out = None if options["no_usable_output"] else f"{lake}/usable_picks/{day.isoformat()}"
        spark = get_spark(f"pick-quality-{day}", master=cfg["SPARK_MASTER"])
        try:
            report = pick_quality.run(spark, source, day, usable_out=usable_out)
        finally:
            spark.stop()
        alerts = record_quality(day, report, cfg["ALERT_REJECTION_RATE"], cfg["ALERT_MIN_PICKS"])
        picks = sum(q.picks for q in report.values())
        rejected = sum(q.rejected for q in report.values())
        self.stdout.write(f"pick_quality {day}: {len(report)} stations, {picks} picks, {rejected} screened out, "
                          f"{len(alerts)} alerts")
        for alert in alerts:
            self.stdout.write(f"  ALERT {alert.station}: {alert.message}")
