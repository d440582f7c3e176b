from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest
from django.core import mail

from collection import jobs
from collection.models import Location, OutgoingLoan

NOW = datetime(2024, 5, 6, 7, 30, tzinfo=dt_timezone.utc)


@pytest.mark.django_db
def test_audit_digest_lists_stale_store_locations(locations):
    Location.objects.filter(code="ST-B2-04").update(last_audited_at=NOW - timedelta(days=10))
    Location.objects.filter(code="ST-C1-02").update(last_audited_at=NOW - timedelta(days=400))
    assert jobs.send_audit_digest(now=NOW) == 1
    assert "ST-C1-02" in mail.outbox[0].body
    assert "ST-B2-04" not in mail.outbox[0].body


@pytest.mark.django_db
def test_loan_reminders_are_sent_once(shelf):
    loan = OutgoingLoan.objects.create(reference="OL-2024-03", borrower="City Gallery",
                                       contact_email="loans@city.example", due_back=date(2024, 6, 1))
    loan.objects_lent.set(shelf[:2])
    OutgoingLoan.objects.create(reference="OL-2024-09", borrower="Far Museum",
                                contact_email="x@far.example", due_back=date(2024, 12, 1))
    assert jobs.queue_loan_reminders(today=date(2024, 5, 6)) == 1
    assert jobs.queue_loan_reminders(today=date(2024, 5, 7)) == 0
    assert len(mail.outbox) == 1
    assert "1987.34.1, 1987.34.2" in mail.outbox[0].body
    loan.refresh_from_db()
    assert loan.reminder_sent_on == date(2024, 5, 6)
