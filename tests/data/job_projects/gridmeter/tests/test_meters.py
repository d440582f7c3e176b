import pytest

from meters.models import Meter, Reading


@pytest.mark.django_db
def test_one_reading_per_meter_and_day():
    meter = Meter.objects.create(ean="871234567890123456")
    Reading.objects.create(meter=meter, day="2024-03-01", kwh="12.5")
    assert meter.readings.count() == 1
