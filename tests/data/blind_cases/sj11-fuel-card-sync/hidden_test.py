"""Acceptance tests: the fuel sync runs many times inside one long-lived scheduler process, and
every run must book transactions using the card assignments as they are at that run, not as they
were when the process started."""
from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from fleet.models import Depot, Vehicle
from fleet.services import cancel_card, issue_card, reassign_card
from fuel.jobs import sync_fuel_card_transactions
from fuel.models import FuelTransaction
from fuel.provider import ProviderTransaction, StaticProvider

_seq = count(50001)


@pytest.fixture
def fleet(db):
    depot = Depot.objects.create(code="SWI", name="Swindon South", manager_email="swi@fleet.example")

    def van(fleet_number, reg):
        return Vehicle.objects.create(fleet_number=fleet_number, registration=reg, depot=depot,
                                      tank_capacity_litres=Decimal("80.0"))

    return {"old": van("VN-2217", "WX19KLP"), "new": van("VN-2240", "WX21HTD"), "third": van("VN-2251", "WX22BNO")}


@pytest.fixture
def feed():
    provider = StaticProvider()

    def add(card_number, occurred_at=None, litres="48.10"):
        n = next(_seq)
        return provider.add(ProviderTransaction(
            id=f"FF-H{n}", sequence=n, card_number=card_number,
            occurred_at=occurred_at or timezone.now(), site_name="BP Membury Services",
            product="diesel", litres=Decimal(litres), amount=Decimal("73.30"), raw={"id": f"FF-H{n}"},
        ))

    add.provider = provider
    return add


def run(feed):
    return sync_fuel_card_transactions(provider=feed.provider)


def row(txn):
    return FuelTransaction.objects.get(provider_txn_id=txn.id)


@pytest.mark.django_db
def test_reassigned_card_is_booked_to_its_new_vehicle_on_the_next_run(fleet, feed):
    card = issue_card("7077 4410 2217 0038", fleet["old"])
    before = feed("7077 4410 2217 0038", occurred_at=timezone.now() - timedelta(hours=3))
    run(feed)
    assert row(before).vehicle == fleet["old"]

    reassign_card(card, fleet["new"])
    after = feed("7077 4410 2217 0038")
    run(feed)

    booked = row(after)
    assert booked.status == FuelTransaction.Status.BOOKED
    assert booked.vehicle == fleet["new"]
    assert booked.card_id == card.pk
    assert row(before).vehicle == fleet["old"]


@pytest.mark.django_db
def test_cards_swapped_between_two_vans(fleet, feed):
    card_a = issue_card("7077 4410 2217 0046", fleet["old"])
    card_b = issue_card("7077 4410 2240 0053", fleet["new"])
    feed("7077 4410 2217 0046", occurred_at=timezone.now() - timedelta(days=1))
    feed("7077 4410 2240 0053", occurred_at=timezone.now() - timedelta(days=1))
    run(feed)

    reassign_card(card_a, None)
    reassign_card(card_b, fleet["old"])
    reassign_card(card_a, fleet["new"])
    a = feed("7077 4410 2217 0046")
    b = feed("7077 4410 2240 0053")
    run(feed)

    assert row(a).vehicle == fleet["new"]
    assert row(b).vehicle == fleet["old"]


@pytest.mark.django_db
def test_cancelled_card_is_no_longer_booked(fleet, feed):
    card = issue_card("7077 4410 2251 0061", fleet["third"])
    feed("7077 4410 2251 0061", occurred_at=timezone.now() - timedelta(hours=5))
    run(feed)

    cancel_card(card, "reported stolen")
    after = feed("7077 4410 2251 0061")
    run(feed)

    assert row(after).status == FuelTransaction.Status.UNKNOWN_CARD
    assert row(after).vehicle is None


@pytest.mark.django_db
def test_card_moved_to_spare_pool_is_no_longer_booked(fleet, feed):
    card = issue_card("7077 4410 2251 0079", fleet["third"])
    feed("7077 4410 2251 0079", occurred_at=timezone.now() - timedelta(hours=5))
    run(feed)

    reassign_card(card, None)
    after = feed("7077 4410 2251 0079")
    run(feed)

    assert row(after).status == FuelTransaction.Status.UNKNOWN_CARD
    assert row(after).vehicle is None


@pytest.mark.django_db
def test_card_issued_after_an_unknown_sighting_is_booked_on_the_next_run(fleet, feed):
    first = feed("7077 4410 2240 0087", occurred_at=timezone.now() - timedelta(hours=1))
    run(feed)
    assert row(first).status == FuelTransaction.Status.UNKNOWN_CARD

    issue_card("7077 4410 2240 0087", fleet["new"])
    later = feed("7077 4410 2240 0087")
    run(feed)

    assert row(later).status == FuelTransaction.Status.BOOKED
    assert row(later).vehicle == fleet["new"]
