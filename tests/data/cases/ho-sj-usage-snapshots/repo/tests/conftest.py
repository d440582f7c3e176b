from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from metering.models import Meter, Reading

MADRID = ZoneInfo("Europe/Madrid")


@pytest.fixture
def meter(db):
    return Meter.objects.create(serial="ES-0001", customer_ref="C-77")


@pytest.fixture
def add_reading():
    def _add(meter, y, m, d, hh, kwh):
        return Reading.objects.create(meter=meter, taken_at=datetime(y, m, d, hh, tzinfo=MADRID), kwh=Decimal(kwh))
    return _add
