from datetime import time

import pytest

from clinics.models import Clinic, OpeningHours
from scheduling.sms import MemoryGateway

WEEKDAYS = range(0, 5)


@pytest.fixture(autouse=True)
def sms_outbox():
    MemoryGateway.outbox.clear()
    yield MemoryGateway.outbox
    MemoryGateway.outbox.clear()


@pytest.fixture
def make_clinic(db):
    def _make(code, name=None, tz="Europe/Lisbon", sessions=((time(9), time(13)), (time(14), time(18))),
              weekdays=WEEKDAYS, **kwargs):
        clinic = Clinic.objects.create(code=code, name=name or f"Centro de Vacinação {code}", timezone=tz,
                                       phone="+351210000000", **kwargs)
        for weekday in weekdays:
            for opens, closes in sessions:
                OpeningHours.objects.create(clinic=clinic, weekday=weekday, opens=opens, closes=closes)
        return clinic
    return _make


@pytest.fixture
def lisbon(make_clinic):
    return make_clinic("LIS", name="Centro de Vacinação Lisboa – Arroios", slot_minutes=15, vaccinators=3)
