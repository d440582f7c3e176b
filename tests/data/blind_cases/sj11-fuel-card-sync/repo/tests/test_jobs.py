from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail

from fleet.services import issue_card
from fuel.jobs import (flag_fuel_anomalies, rebook_unknown_card_transactions, send_depot_fuel_summaries,
                       sync_fuel_card_transactions)
from fuel.models import FuelTransaction

from .conftest import NOW


@pytest.mark.django_db
def test_card_registered_late_gets_rebooked(provider, make_vehicle, make_txn):
    van = make_vehicle("VN-0505")
    make_txn("7077 0505 0000 5555", occurred_at=NOW - timedelta(hours=2))
    sync_fuel_card_transactions(provider=provider, now=NOW)
    assert FuelTransaction.objects.get().status == FuelTransaction.Status.UNKNOWN_CARD

    issue_card("7077 0505 0000 5555", van)
    assert rebook_unknown_card_transactions(now=NOW + timedelta(hours=1)) == 1

    row = FuelTransaction.objects.get()
    assert row.status == FuelTransaction.Status.BOOKED
    assert row.vehicle == van


@pytest.mark.django_db
def test_rebook_leaves_old_transactions_alone(provider, make_vehicle, make_txn):
    van = make_vehicle("VN-0606")
    make_txn("7077 0606 0000 6666", occurred_at=NOW - timedelta(days=30))
    sync_fuel_card_transactions(provider=provider, now=NOW)
    issue_card("7077 0606 0000 6666", van)

    assert rebook_unknown_card_transactions(now=NOW) == 0


@pytest.mark.django_db
def test_anomalies_are_flagged_against_the_booked_vehicle(provider, make_vehicle, make_card, make_txn):
    van = make_vehicle("VN-0707", tank_capacity_litres=Decimal("70.0"))
    make_card("7077 0707 0000 7777", van)
    make_txn("7077 0707 0000 7777", litres="45.00", occurred_at=NOW)
    make_txn("7077 0707 0000 7777", litres="95.00", occurred_at=NOW + timedelta(hours=1))
    make_txn("7077 0707 0000 7777", litres="30.00", product="petrol", occurred_at=NOW + timedelta(days=1))
    sync_fuel_card_transactions(provider=provider, now=NOW)

    assert flag_fuel_anomalies(now=NOW + timedelta(days=1)) == 2
    flags = list(FuelTransaction.objects.order_by("sequence").values_list("anomaly", flat=True))
    assert flags == ["", "over_tank_capacity,repeat_fill", "wrong_fuel_type"]
    assert flag_fuel_anomalies(now=NOW + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_depot_summary_mail(provider, make_vehicle, make_card, make_txn):
    van = make_vehicle("VN-0808")
    make_card("7077 0808 0000 8888", van)
    make_txn("7077 0808 0000 8888", litres="40.00", amount="60.00", occurred_at=NOW)
    make_txn("7077 0808 0000 8888", litres="20.00", amount="30.50", occurred_at=NOW + timedelta(hours=5))
    sync_fuel_card_transactions(provider=provider, now=NOW)

    assert send_depot_fuel_summaries(now=NOW + timedelta(days=1)) == 1
    message = mail.outbox[0]
    assert message.to == ["brs-manager@fleet.example", "fleet-finance@fleet.example"]
    assert "VN-0808" in message.body
    assert "Total 60.00 l, £90.50" in message.body
