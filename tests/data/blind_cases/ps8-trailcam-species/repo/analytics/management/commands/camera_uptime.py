from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from analytics.jobs import camera_uptime, lookups
from analytics.spark import get_spark


class Command(BaseCommand):
    help = "Hours online per camera and day, from the camera heartbeats."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="default: yesterday")
        parser.add_argument("--input", help="heartbeats path (default: <lake>/heartbeats/<date>)")
        parser.add_argument("--output", help="output path (default: <lake>/camera_uptime/<date>)")

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        lake = settings.ANALYTICS["LAKE_ROOT"]
        source = options["input"] or f"{lake}/heartbeats/{day.isoformat()}"
        target = options["output"] or f"{lake}/camera_uptime/{day.isoformat()}"

        spark = get_spark(f"camera-uptime-{day}", master=settings.ANALYTICS["SPARK_MASTER"])
        cameras_bc = lookups.camera_reserves(spark)
        try:
            rows = camera_uptime.run(spark, cameras_bc, source, target)
        finally:
            cameras_bc.unpersist()
        low = [r["camera"] for r in rows if r["low_battery"]]
        self.stdout.write(f"camera uptime {day}: {len(rows)} cameras, low battery: {', '.join(low) or 'none'}")
