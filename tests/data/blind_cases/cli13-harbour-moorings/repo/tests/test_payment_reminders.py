from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing.invoicing import issue_season_invoices, record_payment
from billing.models import Invoice


@pytest.fixture
def overdue(moor, season):
    moor("A1", "GBR-1001", email="late@example.com")
    moor("A2", "GBR-1002", email="ontime@example.com")
    issue_season_invoices(season, now=timezone.now() - timedelta(days=60))
    late, ontime = Invoice.objects.order_by("number")
    record_payment(ontime, ontime.amount)
    return late


@pytest.mark.django_db
def test_dry_run_lists_but_sends_nothing(overdue, mailoutbox):
    mailoutbox.clear()
    out = StringIO()
    call_command("send_payment_reminders", "--dry-run", stdout=out)
    assert overdue.number in out.getvalue() and "1 invoices would be reminded" in out.getvalue()
    assert mailoutbox == []
    overdue.refresh_from_db()
    assert overdue.last_reminder_at is None


@pytest.mark.django_db
def test_reminder_sent_once_a_week(overdue, mailoutbox):
    mailoutbox.clear()
    call_command("send_payment_reminders", "--days-overdue", "7", stdout=StringIO())
    call_command("send_payment_reminders", stdout=StringIO())
    assert [m.to for m in mailoutbox] == [["late@example.com"]]
    assert "£1800.00 outstanding" in mailoutbox[0].body
    assert Decimal(overdue.balance) == Decimal("1800.00")
