from decimal import Decimal

import pytest

from analytics.jobs import lift_utilisation
from analytics.models import LiftHourlyUtilisation, ManualLiftCount

from .conftest import DAY, scan, write_export


@pytest.mark.django_db
def test_gate_and_manual_counts_are_combined(spark, export_root, make_resort, make_lift):
    alp = make_resort("ALP")
    express = make_lift(alp, "EXP", gate_ids=["ALP-EXP-N", "ALP-EXP-S"], capacity_per_hour=1000)
    carpet = make_lift(alp, "CARPET", capacity_per_hour=800)
    write_export(export_root, alp, DAY, [
        scan("a1", "ALP-EXP-N", "P1", "SEASON", at="2024-02-10 09:05:00"),
        scan("a2", "ALP-EXP-S", "P2", "DAY", at="2024-02-10 09:55:00"),
        scan("a3", "ALP-EXP-N", "P1", "SEASON", at="2024-02-10 10:20:00"),
        scan("a4", "ALP-UNKNOWN", "P3", "DAY", at="2024-02-10 10:20:00"),
    ])
    ManualLiftCount.objects.create(lift=carpet, ride_date=DAY, hour=9, rides=40)

    lift_utilisation.run(DAY, spark=spark)

    got = {(u.lift.code, u.hour): (u.rides, u.utilisation)
           for u in LiftHourlyUtilisation.objects.filter(ride_date=DAY).select_related("lift")}
    assert got == {
        ("EXP", 9): (2, Decimal("0.002")),
        ("EXP", 10): (1, Decimal("0.001")),
        ("CARPET", 9): (40, Decimal("0.050")),
    }
    assert express.hourly_utilisation.count() == 2
