from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from circulation.models import Hold
from circulation.tasks import expire_holds, send_overdue_notices


@pytest.mark.django_db
def test_notices_on_day_3_10_30(make_loan):
    today = timezone.localdate()
    for days in (2, 3, 10, 11, 30):
        make_loan(today - timedelta(days=days))
    assert send_overdue_notices() == 3
    assert all(m.to == ["ruth@example.org"] for m in mail.outbox)


@pytest.mark.django_db
def test_ready_holds_expire(make_loan, patron, branch):
    loan = make_loan(timezone.localdate())
    hold = Hold.objects.create(title=loan.copy.title, patron=patron, pickup_branch=branch, status=Hold.Status.READY,
                               ready_until=timezone.now() - timedelta(minutes=1))
    assert expire_holds() == 1
    hold.refresh_from_db()
    assert hold.status == Hold.Status.EXPIRED
