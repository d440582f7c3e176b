from decimal import Decimal

import pytest

from properties.models import Property, RoomType


@pytest.fixture
def hostel(db):
    prop = Property.objects.create(code="LIS1", name="Alfama Hostel", city="Lisbon", channel_property_id="cm-8812")
    RoomType.objects.create(property=prop, code="DBL", name="Double room", rate_floor=Decimal("60.00"),
                            rate_ceiling=Decimal("250.00"), channel_room_id="cm-8812-01")
    RoomType.objects.create(property=prop, code="TWN", name="Twin room", rate_floor=Decimal("55.00"),
                            rate_ceiling=Decimal("240.00"))
    RoomType.objects.create(property=prop, code="DORM6", name="Bed in 6-bed dorm", max_occupancy=1,
                            is_dorm_bed=True, rate_floor=Decimal("18.00"), rate_ceiling=Decimal("80.00"))
    return prop


@pytest.fixture
def room(hostel):
    return lambda code: hostel.room_types.get(code=code)


@pytest.fixture
def write_sheet(tmp_path):
    def _write(text, name="sheet.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
