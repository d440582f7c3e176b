from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from apiary.tasks import notify_swarm
from telemetry.jobs import batteries, hive_weights
from telemetry.registry import mark_low_batteries, record_swarm_alerts
from telemetry.spark import get_spark


class Command(BaseCommand):
    help = "Process one day of hive scale uplinks: daily weights, swarm alerts, unclaimed scales, batteries."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="default: yesterday")
        parser.add_argument("--no-alerts", action="store_true", help="record swarm alerts but do not mail them")

    def handle(self, *args, **options):
        conf = settings.TELEMETRY
        day = options["date"] or timezone.localdate() - timedelta(days=1)
        uplinks = f"{conf['LAKE_ROOT']}/uplinks/{day.isoformat()}"
        spark = get_spark(f"hive-scales-{day}", master=conf["SPARK_MASTER"])
        try:
            result = hive_weights.run(spark, uplinks, day, f"{conf['LAKE_ROOT']}/hive_weights/{day.isoformat()}",
                                      drop_kg=conf["SWARM_DROP_KG"], window_minutes=conf["SWARM_WINDOW_MINUTES"])
            low = batteries.run(spark, uplinks, conf["LOW_BATTERY_MV"])
        finally:
            spark.stop()
        self.stdout.write(
            f"{day}: {result['readings']} readings ({result['rejected']} rejected), {result['hives']} hives, "
            f"{result['unclaimed_scales']} unclaimed scales, {len(low)} low batteries")
        mark_low_batteries(low, day)
        for alert_id in record_swarm_alerts(result["swarm_drops"]):
            if not options["no_alerts"]:
                notify_swarm.delay(alert_id)
