from datetime import datetime, timezone as dt_timezone
from decimal import Decimal
from itertools import count

import pytest

from fleet.models import Depot, Vehicle
from fleet.services import issue_card
from fuel.provider import ProviderTransaction, StaticProvider

NOW = datetime(2024, 10, 8, 9, 30, tzinfo=dt_timezone.utc)


@pytest.fixture
def depot(db):
    return Depot.objects.create(code="BRS", name="Bristol Avonmouth", manager_email="brs-manager@fleet.example")


@pytest.fixture
def make_vehicle(depot):
    def _make(fleet_number, **kwargs):
        kwargs.setdefault("registration", f"WX{fleet_number[-3:]}ABC")
        kwargs.setdefault("tank_capacity_litres", Decimal("80.0"))
        kwargs.setdefault("make_model", "Ford Transit 350")
        return Vehicle.objects.create(fleet_number=fleet_number, depot=depot, **kwargs)
    return _make


@pytest.fixture
def make_card():
    def _make(number, vehicle=None, **kwargs):
        return issue_card(number, vehicle, **kwargs)
    return _make


@pytest.fixture
def provider():
    return StaticProvider()


@pytest.fixture
def make_txn(provider):
    seq = count(1001)

    def _make(card_number, *, litres="52.40", amount="79.12", product="diesel", occurred_at=NOW, **kwargs):
        n = next(seq)
        txn = ProviderTransaction(
            id=f"FF-{n}", sequence=n, card_number=card_number, occurred_at=occurred_at,
            site_name=kwargs.pop("site_name", "Shell Cribbs Causeway"), product=product,
            litres=Decimal(litres), amount=Decimal(amount), raw={"id": f"FF-{n}"}, **kwargs,
        )
        return provider.add(txn)
    return _make
