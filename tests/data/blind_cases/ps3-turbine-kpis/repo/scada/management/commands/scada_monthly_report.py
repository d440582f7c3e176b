import logging
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from fleet.models import AlarmDowntime, MonthlyTurbineKPI, Turbine, WindFarm
from scada.jobs import fault_summary, monthly_kpis
from scada.spark import spark_session

logger = logging.getLogger(__name__)


def parse_month(value):
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise CommandError(f"--month must be YYYY-MM, got {value!r}")


def dec(value, places):
    return None if value is None else Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


class Command(BaseCommand):
    help = "Compute the monthly turbine KPIs and top alarms of a farm from the SCADA data in the lake."

    def add_arguments(self, parser):
        parser.add_argument("--farm", required=True, help="farm code, e.g. NSEA2")
        parser.add_argument("--month", required=True, help="YYYY-MM (UTC)")
        parser.add_argument("--lake", help="lake root (default: SCADA_REPORTS['LAKE_ROOT'])")
        parser.add_argument("--skip-alarms", action="store_true")

    def handle(self, *args, **options):
        month = parse_month(options["month"])
        try:
            farm = WindFarm.objects.get(code=options["farm"])
        except WindFarm.DoesNotExist:
            raise CommandError(f"unknown farm {options['farm']}")
        lake = options["lake"] or settings.SCADA_REPORTS["LAKE_ROOT"]
        prefix = f"{month:%Y-%m}-*.csv"
        turbines = {t.turbine_id: t for t in Turbine.objects.filter(farm=farm)}
        rated = {tid: t.rated_kw for tid, t in turbines.items()}

        with spark_session(f"scada-monthly-{farm.code}-{month:%Y-%m}",
                           master=settings.SCADA_REPORTS["SPARK_MASTER"]) as spark:
            kpis = monthly_kpis.build_monthly_kpis(spark, f"{lake}/scada/10min/{farm.code}/{prefix}", month, rated)
            alarms = [] if options["skip_alarms"] else fault_summary.top_alarms(
                spark, f"{lake}/scada/alarms/{farm.code}/{prefix}", month)

        now = timezone.now()
        saved = 0
        with transaction.atomic():
            for kpi in kpis:
                turbine = turbines.get(kpi["turbine_id"])
                if turbine is None:
                    logger.warning("SCADA data for unregistered turbine %s skipped", kpi["turbine_id"])
                    continue
                MonthlyTurbineKPI.objects.update_or_create(
                    turbine=turbine, month=month,
                    defaults={
                        "intervals": kpi["intervals"],
                        "energy_mwh": dec(kpi["energy_mwh"], 3),
                        "availability_pct": dec(kpi["availability_pct"], 2),
                        "mean_wind_ms": dec(kpi["mean_wind_ms"], 2),
                        "capacity_factor": dec(kpi["capacity_factor"], 4),
                        "computed_at": now,
                    },
                )
                saved += 1
            if not options["skip_alarms"]:
                AlarmDowntime.objects.filter(farm=farm, month=month).delete()
                AlarmDowntime.objects.bulk_create([
                    AlarmDowntime(farm=farm, month=month, alarm_code=a["alarm_code"], events=a["events"],
                                  turbines=a["turbines"], downtime_hours=dec(a["downtime_hours"], 2), rank=a["rank"])
                    for a in alarms
                ])
        self.stdout.write(f"{farm.code} {month:%Y-%m}: {saved} turbine KPI rows, {len(alarms)} alarm rows")
