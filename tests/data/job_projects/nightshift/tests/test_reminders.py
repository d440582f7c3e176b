from datetime import timedelta

import pytest
from django.utils import timezone

from ops import bank, sms
from ops.models import Payout, Reminder
from ops.payouts import pay_approved_vendors
from ops.reminders import send_due_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_stubs():
    sms.SENT.clear()
    bank.TRANSFERS.clear()


def test_due_reminders_are_texted():
    now = timezone.now()
    Reminder.objects.create(phone="+4915100000001", due_at=now + timedelta(hours=3))
    Reminder.objects.create(phone="+4915100000002", due_at=now + timedelta(days=3))
    send_due_reminders()
    assert [phone for phone, _ in sms.SENT] == ["+4915100000001"]


def test_approved_payouts_are_transferred():
    Payout.objects.create(vendor="acme", amount_cents=500, approved=True)
    Payout.objects.create(vendor="globex", amount_cents=700)
    pay_approved_vendors()
    assert bank.TRANSFERS == [("acme", 500)]


def test_purge_keeps_recent_reminders():
    now = timezone.now()
    Reminder.objects.create(phone="+4915100000003", due_at=now - timedelta(days=200))
    Reminder.objects.create(phone="+4915100000004", due_at=now - timedelta(days=1))
    from ops.housekeeping import purge_old_reminders

    assert purge_old_reminders() == 1
    assert Reminder.objects.count() == 1
