from datetime import timedelta

import pytest

from lockers.events import apply_event
from lockers.models import Compartment, LockerAlert, LockerEvent, Parcel
from notify.models import OutboxMessage

from .conftest import T0, vendor_event


@pytest.mark.django_db
def test_deposit_puts_parcel_in_locker_and_queues_code(make_parcel):
    parcel = make_parcel("3SABC0001", email="sanne@example.nl", phone="+31612345678")
    record = apply_event(vendor_event(10, "parcel.deposited", "3SABC0001", compartment="A02"))

    parcel.refresh_from_db()
    assert parcel.status == Parcel.Status.IN_LOCKER
    assert parcel.compartment.label == "A02"
    assert parcel.pickup_deadline == T0 + timedelta(days=5)
    assert Compartment.objects.get(label="A02").occupied
    assert record.parcel == parcel and not record.unmatched
    messages = OutboxMessage.objects.filter(parcel_ref="3SABC0001", template="pickup_code")
    assert sorted(messages.values_list("channel", flat=True)) == ["email", "sms"]
    assert parcel.pickup_pin in messages.first().body


@pytest.mark.django_db
def test_collect_frees_compartment(make_parcel):
    make_parcel("3SABC0002", email="a@example.nl")
    apply_event(vendor_event(11, "parcel.deposited", "3SABC0002"))
    apply_event(vendor_event(12, "parcel.collected", "3SABC0002", at=T0 + timedelta(hours=3)))

    parcel = Parcel.objects.get(tracking_code="3SABC0002")
    assert parcel.status == Parcel.Status.COLLECTED
    assert parcel.collected_at == T0 + timedelta(hours=3)
    assert not Compartment.objects.get(label="A01").occupied


@pytest.mark.django_db
def test_same_event_twice_is_applied_once(make_parcel):
    make_parcel("3SABC0003", email="a@example.nl")
    event = vendor_event(13, "parcel.deposited", "3SABC0003")
    assert apply_event(event) is not None
    assert apply_event(event) is None
    assert LockerEvent.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_unknown_parcel_is_kept_as_unmatched(site):
    record = apply_event(vendor_event(14, "parcel.deposited", "NOPE"))
    assert record.unmatched
    assert LockerEvent.objects.get(seq=14).unmatched


@pytest.mark.django_db
def test_door_alert(site):
    apply_event(vendor_event(15, "door.left_open", compartment="B01"))
    alert = LockerAlert.objects.get()
    assert alert.kind == LockerAlert.Kind.DOOR_LEFT_OPEN
    assert alert.compartment.label == "B01"


@pytest.mark.django_db
def test_unused_event_type_is_stored(site):
    record = apply_event(vendor_event(16, "site.heartbeat", compartment=""))
    assert record is not None and not record.unmatched
