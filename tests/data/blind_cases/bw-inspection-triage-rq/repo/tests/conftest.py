import pytest

from vehicles.models import Driver, Vehicle


@pytest.fixture
def van(db):
    return Vehicle.objects.create(plate="B-FD 1042", make_model="Sprinter 316", depot="Tempelhof",
                                  odometer_km=81200, tracker_id="TRK-1042")


@pytest.fixture
def driver(db):
    return Driver.objects.create(employee_no="D-207", name="Jonas Keller")
