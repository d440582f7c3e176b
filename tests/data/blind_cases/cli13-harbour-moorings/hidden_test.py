"""Acceptance tests: `manage.py moorings invoice --skip-paid` leaves berth holders whose
season invoice is already paid in full alone (no new invoice, paid invoice untouched,
no e-mail), while everyone else is re-billed as usual."""
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from billing.invoicing import record_payment
from billing.models import Invoice
from harbour.models import Berth, MooringAssignment, Season, Vessel


@pytest.fixture
def season(db):
    return Season.objects.create(year=2025, starts_on=date(2025, 4, 1), ends_on=date(2025, 10, 31),
                                 rate_per_metre=Decimal("180.00"), power_surcharge=Decimal("95.00"),
                                 is_open=True)


@pytest.fixture
def moor(season):
    def _moor(code, email):
        berth = Berth.objects.create(code=code, pontoon=code[0], length_m=Decimal("10.00"),
                                     beam_m=Decimal("3.60"))
        vessel = Vessel.objects.create(name=f"Boat {code}", registration=f"GBR-{code}", owner_name=f"Owner {code}",
                                       owner_email=email, loa_m=Decimal("9.50"), beam_m=Decimal("3.20"))
        return MooringAssignment.objects.create(berth=berth, vessel=vessel, season=season,
                                                starts_on=season.starts_on)
    return _moor


def moorings(*args):
    call_command("moorings", *args, stdout=StringIO(), stderr=StringIO())


def invoices_of(assignment):
    return list(Invoice.objects.filter(assignment=assignment).order_by("pk"))


def live(assignment):
    return Invoice.objects.get(assignment=assignment, status__in=[Invoice.Status.ISSUED, Invoice.Status.PAID])


def recipients(mailoutbox):
    return sorted(addr for message in mailoutbox for addr in message.to)


@pytest.mark.django_db
def test_skip_paid_after_tariff_correction(season, moor, mailoutbox):
    paid = moor("A1", "paid@example.com")
    unpaid = moor("A2", "unpaid@example.com")
    part_paid = moor("B7", "partly@example.com")
    moorings("invoice", "--season", "2025")
    paid_invoice = live(paid)
    record_payment(paid_invoice, paid_invoice.amount)
    record_payment(live(part_paid), Decimal("400.00"))
    paid_invoice.refresh_from_db()
    assert paid_invoice.status == Invoice.Status.PAID

    season.rate_per_metre = Decimal("175.00")  # tariff correction
    season.save()
    mailoutbox.clear()
    moorings("invoice", "--season", "2025", "--skip-paid")

    # the berth holder who already paid is left alone
    assert invoices_of(paid) == [paid_invoice]
    paid_invoice.refresh_from_db()
    assert paid_invoice.status == Invoice.Status.PAID
    assert paid_invoice.superseded_by is None
    assert paid_invoice.amount == Decimal("1800.00")
    assert "paid@example.com" not in recipients(mailoutbox)

    # everybody else is re-billed at the corrected tariff
    assert live(unpaid).amount == Decimal("1750.00")
    assert len(invoices_of(unpaid)) == 2
    new_part = live(part_paid)
    assert (new_part.amount, new_part.balance) == (Decimal("1750.00"), Decimal("1350.00"))
    assert recipients(mailoutbox) == ["partly@example.com", "unpaid@example.com"]


@pytest.mark.django_db
def test_skip_paid_with_pontoon_filter(season, moor, mailoutbox):
    c_paid = moor("C1", "c1@example.com")
    c_open = moor("C2", "c2@example.com")
    a_open = moor("A3", "a3@example.com")
    moorings("invoice")
    record_payment(live(c_paid), live(c_paid).amount)
    mailoutbox.clear()

    moorings("invoice", "--pontoon", "C", "--skip-paid")

    assert len(invoices_of(c_paid)) == 1 and live(c_paid).status == Invoice.Status.PAID
    assert len(invoices_of(c_open)) == 2
    assert len(invoices_of(a_open)) == 1
    assert recipients(mailoutbox) == ["c2@example.com"]


@pytest.mark.django_db
def test_without_skip_paid_paid_berths_are_still_rebilled(season, moor, mailoutbox):
    paid = moor("A1", "paid@example.com")
    moorings("invoice")
    first = live(paid)
    record_payment(first, first.amount)
    season.rate_per_metre = Decimal("190.00")
    season.save()
    mailoutbox.clear()

    moorings("invoice")

    first.refresh_from_db()
    assert first.status == Invoice.Status.SUPERSEDED
    new = live(paid)
    assert (new.amount, new.credit, new.balance) == (Decimal("1900.00"), Decimal("1800.00"), Decimal("100.00"))
    assert recipients(mailoutbox) == ["paid@example.com"]
