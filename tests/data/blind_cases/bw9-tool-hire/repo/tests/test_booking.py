from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from hire.booking import BookingError, BookingLine, ToolUnavailable, book_rental, pick_up
from hire.models import Rental


def _window(days=2):
    start = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    return start, start + timedelta(days=days)


@pytest.mark.django_db(transaction=True)
def test_booking_prices_the_hire_and_sends_a_confirmation(branch, tools, customer, queued):
    pickup_at, due_at = _window(2)
    rental = book_rental(branch, customer, [BookingLine("SAW"), BookingLine("LAD", 2)],
                         pickup_at=pickup_at, due_at=due_at)
    assert rental.hire_paid == Decimal("98.00")
    assert rental.deposit_held == Decimal("160.00")
    assert rental.lines.count() == 2

    assert len(queued.named("hire.tasks.send_booking_confirmation")) == 1
    queued.run_all()
    assert len(mail.outbox) == 1
    assert rental.short_ref in mail.outbox[0].subject
    assert "2 x Extension ladder" in mail.outbox[0].body


@pytest.mark.django_db
def test_trade_discount_applies_to_the_hire_not_the_deposit(branch, tools, trade_customer, queued):
    pickup_at, due_at = _window(1)
    rental = book_rental(branch, trade_customer, [BookingLine("MIX")], pickup_at=pickup_at, due_at=due_at)
    assert rental.hire_paid == Decimal("26.35")
    assert rental.deposit_held == Decimal("100.00")


@pytest.mark.django_db
def test_cannot_overbook_a_tool(branch, tools, customer, queued):
    pickup_at, due_at = _window(3)
    book_rental(branch, customer, [BookingLine("MIX")], pickup_at=pickup_at, due_at=due_at)
    with pytest.raises(ToolUnavailable):
        book_rental(branch, customer, [BookingLine("MIX")], pickup_at=pickup_at + timedelta(days=1),
                    due_at=due_at + timedelta(days=1))
    assert Rental.objects.count() == 1


@pytest.mark.django_db
def test_pick_up_only_once(branch, tools, customer, queued):
    pickup_at, due_at = _window(1)
    rental = book_rental(branch, customer, [BookingLine("LAD")], pickup_at=pickup_at, due_at=due_at)
    pick_up(rental)
    assert rental.status == Rental.Status.OUT
    with pytest.raises(BookingError):
        pick_up(rental)
