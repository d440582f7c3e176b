from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from members.models import Member
from outbox.dispatch import flush
from outbox.models import OutboxMessage
from pickups.models import BoxAllocation
from pickups.services.reminders import queue_pickup_reminders, queue_skip_deadline_notices
from pickups.services.schedule import open_week

TORONTO = ZoneInfo("America/Toronto")
PICKUP_MORNING = datetime(2024, 6, 12, 10, 5, tzinfo=TORONTO)  # pickup opens 15:00


@pytest.mark.django_db
def test_reminders_for_allocated_reachable_members_only(make_member, site):
    sms = make_member()
    email = make_member(contact_by=Member.Contact.EMAIL)
    skipper = make_member()
    make_member(reminders_opt_out=True)
    open_week(date(2024, 6, 10))
    BoxAllocation.objects.filter(share__member=skipper).update(status=BoxAllocation.Status.SKIPPED)

    assert queue_pickup_reminders(now=PICKUP_MORNING) == 2
    rows = OutboxMessage.objects.filter(kind="pickup_reminder")
    assert {(m.channel, m.recipient) for m in rows} == {("sms", sms.phone), ("email", email.email)}
    assert "Wed 12 Jun 15:00-19:00 at Market Square" in rows[0].body


@pytest.mark.django_db
def test_no_reminder_too_early_or_after_opening(make_member, site):
    make_member()
    open_week(date(2024, 6, 10))
    assert queue_pickup_reminders(now=PICKUP_MORNING - timedelta(hours=6)) == 0
    assert queue_pickup_reminders(now=datetime(2024, 6, 12, 15, 5, tzinfo=TORONTO)) == 0
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_queued_reminder_is_delivered_by_the_outbox(make_member, site, sms_sent):
    member = make_member(first_name="Ines")
    open_week(date(2024, 6, 10))
    queue_pickup_reminders(now=PICKUP_MORNING)
    assert flush(now=PICKUP_MORNING) == (1, 0)
    assert sms_sent[0][0] == member.phone
    assert sms_sent[0][1].startswith("Hi Ines, your small vegetables box")
    assert OutboxMessage.objects.get().sent_at == PICKUP_MORNING


@pytest.mark.django_db
def test_skip_deadline_notices_once_per_pickup_day(make_member, site):
    make_member()
    make_member()
    open_week(date(2024, 6, 10))
    morning_before = datetime(2024, 6, 9, 8, 0, tzinfo=TORONTO)

    assert queue_skip_deadline_notices(now=morning_before) == 2
    assert queue_skip_deadline_notices(now=morning_before + timedelta(hours=1)) == 0
    assert OutboxMessage.objects.filter(kind="skip_deadline").count() == 2
