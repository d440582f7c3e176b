from decimal import Decimal

import pytest
from django.core import mail

from billing.gateway import MemoryGateway
from billing.models import DepositRefund, Invoice, InvoiceLine
from hire.checkin import CheckInError, CheckInService, DamageNote
from hire.models import DamageReport, Rental

from .conftest import london


@pytest.mark.django_db(transaction=True)
def test_on_time_return_refunds_the_whole_deposit(make_rental, queued):
    rental = make_rental([("SAW", 1), ("LAD", 1)])
    CheckInService(rental, clerk="sam").check_in(returned_at=london(2024, 5, 13, 16, 20))

    rental.refresh_from_db()
    assert rental.status == Rental.Status.RETURNED
    assert len(queued.named("billing.tasks.settle_rental")) == 1

    queued.run_all()
    invoice = Invoice.objects.get(rental=rental)
    assert invoice.lines.count() == 0
    assert invoice.refund_due == Decimal("120.00")
    assert invoice.status == Invoice.Status.PAID
    assert DepositRefund.objects.get(rental=rental).status == DepositRefund.Status.SENT
    assert MemoryGateway.refunds[0]["amount"] == Decimal("120.00")
    assert Rental.objects.get(pk=rental.pk).status == Rental.Status.SETTLED
    assert "Refunded to your card: £120.00" in mail.outbox[-1].body


@pytest.mark.django_db(transaction=True)
def test_damage_is_taken_from_the_deposit(make_rental, queued):
    rental = make_rental([("SAW", 1)])
    line = rental.lines.get()
    CheckInService(rental, clerk="sam").check_in(
        returned_at=london(2024, 5, 13, 15, 0),
        damage=[DamageNote(line_id=line.pk, fee=Decimal("35"), note="cracked blade guard")],
    )
    assert DamageReport.objects.get(rental=rental).fee == Decimal("35.00")

    queued.run_all()
    invoice = Invoice.objects.get(rental=rental)
    damage = invoice.lines.get(kind=InvoiceLine.Kind.DAMAGE)
    assert damage.description == "Damage: Tile saw (cracked blade guard)"
    assert invoice.deposit_applied == Decimal("35.00")
    assert invoice.refund_due == Decimal("45.00")


@pytest.mark.django_db(transaction=True)
def test_late_return_is_charged_per_day(make_rental, queued):
    rental = make_rental([("SAW", 1)])
    CheckInService(rental, clerk="sam").check_in(returned_at=london(2024, 5, 15, 11, 0))

    request = queued.named("billing.tasks.settle_rental")[0]
    assert request.kwargs["rental_id"] == rental.pk
    queued.run_all()
    invoice = Invoice.objects.get(rental=rental)
    assert [line.amount for line in invoice.lines.all()] == [Decimal("24.00"), Decimal("24.00")]
    assert invoice.refund_due == Decimal("32.00")


@pytest.mark.django_db(transaction=True)
def test_charges_above_the_deposit_leave_a_balance(make_rental, queued):
    rental = make_rental([("LAD", 1)])
    line = rental.lines.get()
    CheckInService(rental, clerk="sam").check_in(
        returned_at=london(2024, 5, 13, 12, 0),
        damage=[DamageNote(line_id=line.pk, fee=Decimal("55.00"))],
        cleaning_fee=Decimal("10"),
    )
    queued.run_all()
    invoice = Invoice.objects.get(rental=rental)
    assert invoice.extras_total == Decimal("65.00")
    assert invoice.balance_due == Decimal("25.00")
    assert invoice.status == Invoice.Status.ISSUED
    assert not DepositRefund.objects.filter(rental=rental).exists()


@pytest.mark.django_db
def test_cannot_check_in_twice(make_rental, queued):
    rental = make_rental()
    CheckInService(rental, clerk="sam").check_in(returned_at=london(2024, 5, 13, 12, 0))
    with pytest.raises(CheckInError):
        CheckInService(rental, clerk="jo").check_in(returned_at=london(2024, 5, 13, 12, 5))


@pytest.mark.django_db
def test_damage_must_belong_to_the_rental(make_rental, queued):
    rental = make_rental()
    other = make_rental([("LAD", 1)])
    with pytest.raises(CheckInError):
        CheckInService(rental, clerk="sam").check_in(
            returned_at=london(2024, 5, 13, 12, 0),
            damage=[DamageNote(line_id=other.lines.get().pk, fee=Decimal("5"))],
        )
    assert Rental.objects.get(pk=rental.pk).status == Rental.Status.OUT
    assert not DamageReport.objects.exists()
