"""Acceptance tests: the hourly pickup reminder task can run any number of times on pickup day and each
member still gets one "your box is ready" message per box."""
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from members.models import Member, Share
from outbox.dispatch import flush
from outbox.models import OutboxMessage
from pickups.models import BoxAllocation, PickupDay, PickupSite
from pickups.services.reminders import queue_pickup_reminders
from pickups.services.schedule import open_week

TORONTO = ZoneInfo("America/Toronto")
MONDAY = date(2024, 6, 10)


def at(day, hour, minute=5):
    return datetime(2024, 6, day, hour, minute, tzinfo=TORONTO)


@pytest.fixture
def site(db):
    return PickupSite.objects.create(code="BRN", name="Old Barn", address="Rural Rd 4",
                                     weekday=2, opens_at=time(15), closes_at=time(19))


@pytest.fixture
def member(site):
    counter = {"n": 0}

    def _member(contact_by=Member.Contact.SMS):
        counter["n"] += 1
        n = counter["n"]
        m = Member.objects.create(first_name=f"F{n}", last_name="Acc", email=f"f{n}@example.org",
                                  phone=f"+1647555{n:04d}", contact_by=contact_by, joined_on=date(2024, 2, 1))
        Share.objects.create(member=m, site=site, starts_on=date(2024, 6, 1), ends_on=date(2024, 10, 31))
        return m

    return _member


def reminders_per_recipient():
    return Counter(OutboxMessage.objects.filter(kind="pickup_reminder").values_list("recipient", flat=True))


@pytest.mark.django_db
def test_hourly_runs_on_pickup_day_queue_one_reminder_per_box(member):
    a = member()
    b = member(contact_by=Member.Contact.EMAIL)
    open_week(MONDAY)

    for hour in range(8, 16):  # 08:05 ... 15:05, pickup opens 15:00
        queue_pickup_reminders(now=at(12, hour))

    assert reminders_per_recipient() == {a.phone: 1, b.email: 1}


@pytest.mark.django_db
def test_repeated_tick_and_delivered_messages_are_not_queued_again(member):
    a = member()
    open_week(MONDAY)

    queue_pickup_reminders(now=at(12, 10))
    queue_pickup_reminders(now=at(12, 10))  # the same tick delivered twice
    flush(now=at(12, 10, 6))
    queue_pickup_reminders(now=at(12, 11))
    flush(now=at(12, 11, 6))
    queue_pickup_reminders(now=at(12, 12))

    assert reminders_per_recipient() == {a.phone: 1}


@pytest.mark.django_db
def test_box_added_between_runs_still_gets_its_reminder(member):
    early = member()
    open_week(MONDAY)
    queue_pickup_reminders(now=at(12, 10))

    late = member()
    open_week(MONDAY)  # re-run after a late sign-up
    queue_pickup_reminders(now=at(12, 11))
    queue_pickup_reminders(now=at(12, 12))

    assert reminders_per_recipient() == {early.phone: 1, late.phone: 1}


@pytest.mark.django_db
def test_skipped_box_gets_no_reminder_and_each_week_gets_its_own(member):
    a = member()
    b = member()
    open_week(MONDAY)
    BoxAllocation.objects.filter(share__member=b).update(status=BoxAllocation.Status.SKIPPED)
    for hour in (10, 11, 12):
        queue_pickup_reminders(now=at(12, hour))

    open_week(MONDAY + timedelta(days=7))
    for hour in (10, 11, 12):
        queue_pickup_reminders(now=at(19, hour))

    assert reminders_per_recipient() == {a.phone: 2, b.phone: 1}
    bodies = sorted(OutboxMessage.objects.filter(recipient=a.phone).values_list("body", flat=True))
    assert any("Wed 12 Jun" in body for body in bodies)
    assert any("Wed 19 Jun" in body for body in bodies)


@pytest.mark.django_db
def test_beat_task_twice_queues_once(member, site):
    from pickups.tasks import pickup_reminders

    a = member()
    opens = timezone.now() + timedelta(hours=2)
    day = PickupDay.objects.create(site=site, date=timezone.localdate(opens), opens_at=opens,
                                   closes_at=opens + timedelta(hours=4),
                                   skip_deadline=opens - timedelta(days=2))
    BoxAllocation.objects.create(pickup_day=day, share=a.shares.get())

    pickup_reminders.delay()
    pickup_reminders.delay()

    assert reminders_per_recipient() == {a.phone: 1}
