"""Acceptance tests: the stay confirmation job must only reach the worker once
the stay it refers to is committed in the berths database, and never for a
stay whose booking was rolled back.

A fake broker records every message published for the confirmation task
together with whether the berths database still had a transaction open at
that moment (a real worker uses its own connection and cannot see the rows of
an open transaction).
"""
import json
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from berths import tasks as berths_tasks
from berths.models import Berth, Stay, WaitlistEntry
from berths.services import CapacityError, StayBooker, StayRequest
from owners.models import Boat, Owner

pytestmark = pytest.mark.django_db(databases="__all__", transaction=True)


class FakeBroker:
    def __init__(self):
        self.messages = []

    def publish(self, args=None, kwargs=None, **options):
        self.messages.append(SimpleNamespace(
            args=tuple(args or ()),
            kwargs=dict(kwargs or {}),
            berths_transaction_open=transaction.get_connection("berths").in_atomic_block,
        ))
        return SimpleNamespace(id=f"fake-{len(self.messages)}")

    def stay_ids(self):
        return [int(m.args[0]) if m.args else int(m.kwargs["stay_id"]) for m in self.messages]

    def run_worker(self):
        for msg in self.messages:
            berths_tasks.send_stay_confirmation.apply(args=msg.args, kwargs=msg.kwargs, throw=True)


@pytest.fixture
def broker(monkeypatch):
    fake = FakeBroker()
    monkeypatch.setattr(berths_tasks.send_stay_confirmation, "apply_async", fake.publish)
    return fake


@pytest.fixture
def pontoon():
    Berth.objects.create(code="M-01", size=Berth.Size.MEDIUM, nightly_rate=Decimal("38.00"))
    Berth.objects.create(code="M-02", size=Berth.Size.MEDIUM, nightly_rate=Decimal("38.00"))
    Berth.objects.create(code="M-03", size=Berth.Size.MEDIUM, nightly_rate=Decimal("38.00"))


@pytest.fixture
def boats():
    today = timezone.localdate()
    owner = Owner.objects.create(name="Femke de Vries", email="femke@example.nl")

    def make(name, needs_shore_power=False):
        return Boat.objects.create(
            owner=owner, name=name, length_m=Decimal("10.5"), needs_shore_power=needs_shore_power,
            insurance_valid_until=today + timedelta(days=300), registration_valid_until=today + timedelta(days=300),
        )
    return make


def _dates(offset, nights=2):
    start = timezone.localdate() + timedelta(days=offset)
    return start, start + timedelta(days=nights)


def test_confirmation_is_published_after_the_stay_is_committed(broker, pontoon, boats):
    stay = StayBooker().book(StayRequest(boats("Zeemeeuw"), *_dates(10)))

    assert broker.stay_ids() == [stay.pk]
    assert not broker.messages[0].berths_transaction_open, (
        "the confirmation job was handed to the broker while the stay was still uncommitted"
    )
    mail.outbox.clear()
    broker.run_worker()
    assert len(mail.outbox) == 1
    assert Stay.objects.get(pk=stay.pk).confirmation_sent_at is not None


def test_rolled_back_booking_publishes_no_confirmation(broker, pontoon, boats):
    booker = StayBooker(max_shore_power_per_night=1)
    first = booker.book(StayRequest(boats("Zeemeeuw", needs_shore_power=True), *_dates(20)))

    with pytest.raises(CapacityError):
        booker.book(StayRequest(boats("Pip", needs_shore_power=True), *_dates(20)))

    assert Stay.objects.count() == 1
    assert broker.stay_ids() == [first.pk], "a confirmation job was published for a stay that was rolled back"
    assert not any(m.berths_transaction_open for m in broker.messages)


def test_waitlist_promotion_publishes_after_commit(broker, pontoon, boats):
    boat = boats("Moos")
    arrival, departure = _dates(14)
    entry = WaitlistEntry.objects.create(boat_id=boat.pk, boat_name=boat.name, owner_email="femke@example.nl",
                                         arrival=arrival, departure=departure)

    assert berths_tasks.promote_waitlist() == 1

    entry.refresh_from_db()
    assert broker.stay_ids() == [entry.promoted_stay_id]
    assert not broker.messages[0].berths_transaction_open, (
        "the confirmation job of a promoted waitlist stay was published before the stay was committed"
    )
    broker.run_worker()
    assert Stay.objects.get(pk=entry.promoted_stay_id).confirmation_sent_at is not None


def test_phone_import_publishes_after_commit(broker, pontoon, boats, tmp_path):
    first, second = boats("Zeemeeuw"), boats("Pip")
    arrival, departure = _dates(5)
    csv_file = tmp_path / "office.csv"
    csv_file.write_text(
        "boat_id,arrival,departure,special_requests\n"
        f"{first.pk},{arrival},{departure},\n"
        f"{second.pk},{arrival},{departure},needs a 32 A plug\n"
    )
    call_command("import_phone_bookings", str(csv_file))

    assert sorted(broker.stay_ids()) == sorted(Stay.objects.values_list("pk", flat=True))
    assert len(broker.messages) == 2
    assert not any(m.berths_transaction_open for m in broker.messages)
    mail.outbox.clear()
    broker.run_worker()
    assert len(mail.outbox) == 2


def test_rejected_web_booking_produces_no_confirmation_job(broker, pontoon, boats, client, settings):
    settings.MARINA_MAX_SHORE_POWER_PER_NIGHT = 1
    arrival, departure = _dates(30)
    payload = {"arrival": arrival.isoformat(), "departure": departure.isoformat()}

    ok = client.post(f"/api/boats/{boats('Zeemeeuw', needs_shore_power=True).pk}/stays/",
                     data=json.dumps(payload), content_type="application/json")
    assert ok.status_code == 201, ok.content
    rejected = client.post(f"/api/boats/{boats('Pip', needs_shore_power=True).pk}/stays/",
                           data=json.dumps(payload), content_type="application/json")
    assert rejected.status_code == 409, rejected.content

    assert broker.stay_ids() == [ok.json()["id"]], (
        "a confirmation job was published for a booking the API rejected"
    )
    broker.run_worker()
    assert len(mail.outbox) == 1
