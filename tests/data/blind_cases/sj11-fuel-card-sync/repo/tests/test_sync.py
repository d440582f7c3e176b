import logging
from datetime import timedelta

import pytest

from fleet.models import Vehicle
from fuel.jobs import SYNC_CURSOR, sync_fuel_card_transactions
from fuel.models import FuelTransaction, SyncCursor

from .conftest import NOW


@pytest.mark.django_db
def test_sync_books_transactions_to_the_cards_vehicle(provider, make_vehicle, make_card, make_txn):
    van = make_vehicle("VN-0101")
    make_card("7077 0101 0000 1111", van)
    make_txn("7077 0101 0000 1111", odometer_km=84211)
    make_txn("7077010100001111", litres="12.00", amount="18.10", occurred_at=NOW + timedelta(hours=6))

    result = sync_fuel_card_transactions(provider=provider, now=NOW)

    assert (result.fetched, result.booked, result.unknown) == (2, 2, 0)
    rows = FuelTransaction.objects.order_by("sequence")
    assert [r.vehicle for r in rows] == [van, van]
    assert {r.status for r in rows} == {FuelTransaction.Status.BOOKED}
    assert rows[0].card_number == "7077010100001111"
    assert Vehicle.objects.get(pk=van.pk).odometer_km == 84211


@pytest.mark.django_db
def test_unknown_and_spare_cards_are_not_booked(provider, make_vehicle, make_card, make_txn, caplog):
    make_card("7077 0202 0000 2222")  # spare pool, no vehicle
    make_txn("7077 0202 0000 2222")
    make_txn("7077 0202 0000 9999")

    with caplog.at_level(logging.WARNING, logger="fuel"):
        result = sync_fuel_card_transactions(provider=provider, now=NOW)

    assert (result.booked, result.unknown) == (0, 2)
    assert set(FuelTransaction.objects.values_list("status", "vehicle")) == {
        (FuelTransaction.Status.UNKNOWN_CARD, None)}
    assert "unknown card ****9999" in caplog.text


@pytest.mark.django_db
def test_cursor_is_persisted_and_rerun_is_a_no_op(provider, make_vehicle, make_card, make_txn):
    van = make_vehicle("VN-0303")
    make_card("7077 0303 0000 3333", van)
    make_txn("7077 0303 0000 3333")
    last = make_txn("7077 0303 0000 3333", occurred_at=NOW + timedelta(hours=3))

    sync_fuel_card_transactions(provider=provider, now=NOW)
    again = sync_fuel_card_transactions(provider=provider, now=NOW + timedelta(minutes=10))

    assert again.fetched == 0
    assert SyncCursor.objects.get(name=SYNC_CURSOR).position == last.sequence
    assert FuelTransaction.objects.count() == 2


@pytest.mark.django_db
def test_replayed_transaction_is_not_stored_twice(provider, make_vehicle, make_card, make_txn):
    van = make_vehicle("VN-0404")
    make_card("7077 0404 0000 4444", van)
    txn = make_txn("7077 0404 0000 4444")
    sync_fuel_card_transactions(provider=provider, now=NOW)

    SyncCursor.objects.filter(name=SYNC_CURSOR).update(position=txn.sequence - 1)
    result = sync_fuel_card_transactions(provider=provider, now=NOW)

    assert result.duplicates == 1
    assert FuelTransaction.objects.count() == 1
