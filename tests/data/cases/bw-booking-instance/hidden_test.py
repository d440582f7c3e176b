"""Acceptance tests: the booking confirmation message must survive the JSON
serializer the workers use.  A fake broker JSON-encodes every published
message the way kombu does and runs the task from the decoded message."""
import json
from types import SimpleNamespace

import pytest
from django.core import mail

from notify import tasks as notify_tasks
from studios.models import Booking, Member
from studios.services import book_class


class JsonBroker:
    def __init__(self):
        self.messages = []

    def publish(self, args=None, kwargs=None, **options):
        body = json.dumps([list(args or ()), dict(kwargs or {})])  # raises like kombu's json encoder
        self.messages.append(body)
        return SimpleNamespace(id=f"fake-{len(self.messages)}")

    def run_worker(self):
        for body in self.messages:
            args, kwargs = json.loads(body)
            notify_tasks.send_booking_confirmation.apply(args=args, kwargs=kwargs, throw=True)


@pytest.fixture
def broker(monkeypatch):
    fake = JsonBroker()
    monkeypatch.setattr(notify_tasks.send_booking_confirmation, "apply_async", fake.publish)
    return fake


@pytest.mark.django_db(transaction=True)
def test_confirmation_is_serializable_and_mailed(broker, spin_class, member):
    booking = book_class(member, spin_class.pk)
    assert len(broker.messages) == 1
    broker.run_worker()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["lea@example.org"]]
    assert mail.outbox[0].subject.startswith("Booked: Spin 45")


@pytest.mark.django_db(transaction=True)
def test_waitlist_confirmation_is_serializable_and_mailed(broker, spin_class, member):
    book_class(member, spin_class.pk)
    other = Member.objects.create(name="Ben", email="ben@example.org")
    book_class(other, spin_class.pk)
    assert len(broker.messages) == 2
    broker.run_worker()
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects[1] == "You are on the waitlist for Spin 45"
    assert mail.outbox[-1].to == ["ben@example.org"]
