from datetime import datetime, timezone as dt_timezone

from metering.health import MeterHealthReport
from metering.models import MeterAlert
from metering.tasks import flag_stale_meters


def test_health_report(spark, readings):
    report = MeterHealthReport(spark, readings, as_of=datetime(2024, 4, 1, 12, tzinfo=dt_timezone.utc),
                               lookback_hours=48)
    findings = report.build(["E10BG00417", "E10BG00588", "E10BG00733", "E10BG00912"])

    assert findings.silent == ["E10BG00733"]
    assert findings.estimated == {"E10BG00912": 1.0}


def test_health_report_without_meters(spark, readings):
    findings = MeterHealthReport(spark, readings, as_of=datetime(2024, 4, 1, tzinfo=dt_timezone.utc)).build([])
    assert findings.silent == [] and findings.estimated == {}


def test_flag_stale_meters_raises_one_alert_per_meter(spark, meters):
    # the sample readings end in April 2024: today every meter is silent
    assert flag_stale_meters.delay().get() == {"silent": 4, "estimated": 0}
    assert flag_stale_meters.delay().get() == {"silent": 4, "estimated": 0}
    assert MeterAlert.objects.filter(kind=MeterAlert.Kind.SILENT, resolved_at__isnull=True).count() == 4
