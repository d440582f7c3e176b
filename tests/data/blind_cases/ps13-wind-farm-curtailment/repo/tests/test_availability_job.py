from datetime import timedelta

import pytest

from windops.models import StatusCode, TurbineAvailability
from windops.spark import AvailabilityJob

from .conftest import DAY, intervals, utc


@pytest.mark.django_db
def test_availability_per_turbine(spark, make_farm, write_scada):
    make_farm("HWF", turbines=2)
    StatusCode.objects.create(code=0, description="Running", category="available")
    StatusCode.objects.create(code=2, description="Curtailed by set-point", category="curtailed")
    StatusCode.objects.create(code=310, description="Pitch fault", category="fault")
    rows = []
    for ts in intervals(utc(0), utc(4)):
        rows.append((ts, "HWF-WTG01", 8.0, 1500.0, 2 if ts < utc(1) else 0))
        rows.append((ts, "HWF-WTG02", 8.0, 0.0 if ts < utc(1) else 1500.0, 310 if ts < utc(1) else 0))
    rows.append((utc(4), "XYZ-WTG09", 8.0, 1500.0, 0))  # turbine we don't know

    saved = AvailabilityJob(spark, DAY, scada_path=write_scada(rows)).run()

    assert len(saved) == 2
    wtg1 = TurbineAvailability.objects.get(turbine__scada_tag="HWF-WTG01", day=DAY)
    wtg2 = TurbineAvailability.objects.get(turbine__scada_tag="HWF-WTG02", day=DAY)
    assert (wtg1.available_minutes, wtg1.unavailable_minutes, wtg1.availability_pct) == (240, 0, 100.0)
    assert (wtg2.available_minutes, wtg2.unavailable_minutes, wtg2.availability_pct) == (180, 60, 75.0)
