import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing.models import Meter
from gridbill.spark import get_session

from .health import MeterHealthReport
from .models import MeterAlert
from .readings import load_readings

logger = logging.getLogger(__name__)


@shared_task(name="metering.flag_stale_meters")
def flag_stale_meters():
    """Raise an alert for every smart meter that stopped reporting or mostly sends estimates."""
    meters = {m.serial: m for m in Meter.objects.filter(is_smart=True, removed_on__isnull=True)}
    if not meters:
        return {"silent": 0, "estimated": 0}
    conf = settings.METERING
    spark = get_session("meter-health")
    report = MeterHealthReport(
        spark,
        load_readings(spark, conf["READINGS_PATH"]),
        as_of=timezone.now(),
        lookback_hours=conf["STALE_AFTER_HOURS"],
        estimated_share_alert=conf["ESTIMATED_SHARE_ALERT"],
    )
    findings = report.build(sorted(meters))
    with transaction.atomic():
        for serial in findings.silent:
            MeterAlert.objects.get_or_create(
                meter=meters[serial], kind=MeterAlert.Kind.SILENT, resolved_at__isnull=True,
                defaults={"detail": f"no reading in the last {conf['STALE_AFTER_HOURS']}h"},
            )
        for serial, share in findings.estimated.items():
            MeterAlert.objects.get_or_create(
                meter=meters[serial], kind=MeterAlert.Kind.ESTIMATED, resolved_at__isnull=True,
                defaults={"detail": f"{share:.0%} of reads estimated"},
            )
    return {"silent": len(findings.silent), "estimated": len(findings.estimated)}
