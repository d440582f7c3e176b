import uuid
from datetime import date
from decimal import Decimal

import pytest

from billing.gateway import GatewayError, MemoryGateway
from billing.models import DepositRefund, Invoice, InvoiceLine
from billing.tasks import refund_deposit, settle_rental
from hire.models import Rental

from .conftest import london


def _returned(rental, at):
    Rental.objects.filter(pk=rental.pk).update(status=Rental.Status.RETURNED, returned_at=at)
    rental.refresh_from_db()
    return rental


@pytest.mark.django_db
def test_settle_rental_writes_one_line_per_late_day(make_rental):
    rental = _returned(make_rental([("MIX", 1)]), london(2024, 5, 16, 9, 0))
    number = settle_rental(
        rental_id=rental.pk, reference=rental.reference, returned_at=rental.returned_at, checked_in_by="sam",
        deposit_held=Decimal("100.00"),
        late_fees={date(2024, 5, 15): Decimal("31.00"), date(2024, 5, 14): Decimal("31.00")},
    )
    invoice = Invoice.objects.get(number=number)
    assert [line.description for line in invoice.lines.all()] == [
        "Late return: 2024-05-14", "Late return: 2024-05-15"]
    assert invoice.refund_due == Decimal("38.00")


@pytest.mark.django_db
def test_settle_rental_is_idempotent(make_rental):
    rental = _returned(make_rental(), london(2024, 5, 13, 9, 0))
    kwargs = dict(rental_id=rental.pk, reference=rental.reference, returned_at=rental.returned_at,
                  checked_in_by="sam", deposit_held=Decimal("80.00"))
    first = settle_rental(**kwargs)
    assert settle_rental(**kwargs) == first
    assert Invoice.objects.count() == 1
    assert DepositRefund.objects.count() == 1


@pytest.mark.django_db
def test_settle_rental_ignores_rentals_still_out(make_rental):
    rental = make_rental()
    assert settle_rental(rental_id=rental.pk, reference=rental.reference, returned_at=None,
                         checked_in_by="sam", deposit_held="80.00") is None
    assert not Invoice.objects.exists()
    assert not InvoiceLine.objects.exists()


@pytest.mark.django_db
def test_refund_deposit_pays_once(make_rental):
    rental = make_rental()
    refund = DepositRefund.objects.create(rental=rental, amount=Decimal("80.00"), requested_on=date(2024, 5, 13))
    kwargs = dict(refund_id=refund.pk, rental_id=rental.pk, amount=Decimal("80.00"),
                  idempotency_key=refund.idempotency_key, requested_on=refund.requested_on)
    ref = refund_deposit.apply(kwargs=kwargs, throw=True).get()
    assert refund_deposit.apply(kwargs=kwargs, throw=True).get() == ref
    assert len(MemoryGateway.refunds) == 1
    assert MemoryGateway.refunds[0]["payment_reference"] == str(rental.reference)
    assert DepositRefund.objects.get(pk=refund.pk).status == DepositRefund.Status.SENT


@pytest.mark.django_db
def test_refused_refund_is_marked_failed(make_rental, monkeypatch):
    rental = make_rental()
    refund = DepositRefund.objects.create(rental=rental, amount=Decimal("80.00"), requested_on=date(2024, 5, 13))

    def refuse(self, **kwargs):
        raise GatewayError("card expired")

    monkeypatch.setattr(MemoryGateway, "refund", refuse)
    refund_deposit.apply(kwargs=dict(refund_id=refund.pk, rental_id=rental.pk, amount="80.00",
                                     idempotency_key=str(uuid.uuid4()), requested_on="2024-05-13"), throw=True)
    refund.refresh_from_db()
    assert refund.status == DepositRefund.Status.FAILED
    assert "card expired" in refund.last_error
