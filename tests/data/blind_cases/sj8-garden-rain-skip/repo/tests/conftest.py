from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from plots.models import Bed, Gardener
from weather.models import RainReading

MELBOURNE = ZoneInfo("Australia/Melbourne")


def local(y, m, d, hh=0, mm=0):
    """Aware datetime at garden (Melbourne) wall-clock time."""
    return datetime(y, m, d, hh, mm, tzinfo=MELBOURNE)


@pytest.fixture
def add_rain(db):
    def _add(moment, mm, gauge="shed"):
        return RainReading.objects.create(gauge_id=gauge, recorded_at=moment, mm=Decimal(str(mm)))
    return _add


@pytest.fixture
def gardeners(db):
    return [
        Gardener.objects.create(name="Aroha Ngata", email="aroha@example.org", joined_on=date(2021, 3, 1)),
        Gardener.objects.create(name="Bao Tran", email="bao@example.org", joined_on=date(2022, 9, 12)),
    ]


@pytest.fixture
def communal_beds(db):
    return [
        Bed.objects.create(code="C1", shared=True),
        Bed.objects.create(code="C2", shared=True),
        Bed.objects.create(code="N1", shared=True, needs_water=False, description="native strip"),
    ]
