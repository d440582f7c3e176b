from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from hire.models import Rental
from hire.tasks import flag_overdue_rentals


@pytest.mark.django_db
def test_overdue_customers_are_told_once(make_rental, queued):
    now = timezone.now()
    late = make_rental([("SAW", 1)], pickup_at=now - timedelta(days=5), due_at=now - timedelta(days=2, hours=1))
    make_rental([("LAD", 1)], pickup_at=now - timedelta(days=1), due_at=now + timedelta(days=1))

    assert flag_overdue_rentals() == 1
    assert flag_overdue_rentals() == 0
    notices = queued.named("hire.tasks.send_overdue_notice")
    assert len(notices) == 1
    assert notices[0].kwargs["rental_id"] == late.pk
    assert notices[0].kwargs["accrued"] == Decimal("24.00") * notices[0].kwargs["days_late"]

    queued.run_all()
    assert mail.outbox[0].subject == "Your hire is overdue"
    assert Rental.objects.get(pk=late.pk).overdue_notified_at is not None

