from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from charging.models import ChargingSession
from network.models import Charger, Site

BERLIN = ZoneInfo("Europe/Berlin")


def local(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def sites(db):
    alt = Site.objects.create(code="HH-ALT01", name="Altona Parkhaus", city="Hamburg", host_name="Parkhaus Altona GmbH",
                              host_email="abrechnung@parkhaus-altona.example", reimbursement_per_kwh=Decimal("0.3000"))
    lue = Site.objects.create(code="HH-LUE02", name="Markt Lüneburger Str.", city="Hamburg",
                              host_name="Frischmarkt KG", host_email="", reimbursement_per_kwh=Decimal("0.2800"))
    Charger.objects.create(site=alt, evse_id="DE*VPK*E0101*1", max_kw=Decimal("22.0"))
    Charger.objects.create(site=alt, evse_id="DE*VPK*E0102*1", connector=Charger.Connector.CCS,
                           max_kw=Decimal("150.0"), price_per_kwh=Decimal("0.6900"))
    Charger.objects.create(site=lue, evse_id="DE*VPK*E0201*1")
    return {"ALT": alt, "LUE": lue}


@pytest.fixture
def make_session(sites):
    counter = {"n": 0}

    def _make(evse_id, ended_at, energy_wh=10_000, amount="5.90", minutes=90,
              status=ChargingSession.Status.COMPLETED, idle_fee="0.00"):
        counter["n"] += 1
        charger = Charger.objects.get(evse_id=evse_id)
        started = (ended_at or timezone.now()) - timedelta(minutes=minutes)
        return ChargingSession.objects.create(
            transaction_id=f"tx-{counter['n']:05d}", charger=charger, id_tag=f"RFID{counter['n']:04d}",
            status=status, started_at=started, ended_at=ended_at, last_meter_at=ended_at or started,
            energy_wh=energy_wh, energy_amount=Decimal(amount), idle_fee=Decimal(idle_fee),
        )

    return _make
