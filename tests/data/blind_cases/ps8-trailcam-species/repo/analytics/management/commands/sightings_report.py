from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from analytics.jobs import daily_sightings, lookups
from analytics.spark import get_spark
from reserves.tasks import alert_rangers


class Command(BaseCommand):
    help = "Daily sightings per reserve and species from the camera-trap classifier output; alerts rangers."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="default: yesterday")
        parser.add_argument("--input", help="detections path (default: <lake>/detections/<date>)")
        parser.add_argument("--output", help="output path (default: <lake>/sightings/<date>)")
        parser.add_argument("--no-alerts", action="store_true")

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        lake = settings.ANALYTICS["LAKE_ROOT"]
        source = options["input"] or f"{lake}/detections/{day.isoformat()}"
        target = options["output"] or f"{lake}/sightings/{day.isoformat()}"

        spark = get_spark(f"sightings-{day}", master=settings.ANALYTICS["SPARK_MASTER"])
        species_bc = lookups.species_lookup(spark)
        cameras_bc = lookups.camera_reserves(spark)
        try:
            rows = daily_sightings.run(spark, species_bc, cameras_bc, source, target)
        finally:
            species_bc.unpersist()
            cameras_bc.unpersist()

        alerted = 0
        if not options["no_alerts"]:
            protected = lookups.protected_species_names()
            for row in rows:
                if row["species"] in protected:
                    alert_rangers.delay(row["reserve"], row["species"], row["sightings"], row["day"].isoformat())
                    alerted += 1
        self.stdout.write(f"sightings {day}: {len(rows)} rows, {alerted} ranger alerts")
