"""Acceptance tests for `manage.py build_invoices`: a booking is left off the
invoice only when it has an approved waiver; a waiver that was rejected or is
still open does not remove it, and its approved discount is applied."""
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from bookings.models import Booking, BookingAdjustment, Invoice
from spaces.models import Company, Desk, Location, Member

AMS = ZoneInfo("Europe/Amsterdam")
WAIVER = BookingAdjustment.Kind.WAIVER
DISCOUNT = BookingAdjustment.Kind.DISCOUNT
REQUESTED = BookingAdjustment.Status.REQUESTED
APPROVED = BookingAdjustment.Status.APPROVED
REJECTED = BookingAdjustment.Status.REJECTED


@pytest.fixture
def setup(db):
    loc = Location.objects.create(code="AMS2", name="De Pijp")
    hot = Desk.objects.create(location=loc, label="H-12", kind=Desk.Kind.HOT, hourly_rate=Decimal("4.50"))
    room = Desk.objects.create(location=loc, label="Iris", kind=Desk.Kind.ROOM, seats=6,
                               hourly_rate=Decimal("30.00"))
    company = Company.objects.create(slug="brightwater", name="Brightwater Studio",
                                     billing_email="ap@brightwater.example")
    member = Member.objects.create(company=company, name="Joost Bakker", email="joost@brightwater.example",
                                   home_location=loc, joined_on=date(2025, 6, 1))

    def book(desk, day, hour, hours, *adjustments):
        start = datetime(2026, 3, day, hour, tzinfo=AMS)
        b = Booking.objects.create(member=member, desk=desk, start=start, end=start + timedelta(hours=hours))
        for kind, status, percent in adjustments:
            BookingAdjustment.objects.create(booking=b, kind=kind, status=status, percent=percent,
                                             reason="front desk")
        return b

    return {"hot": hot, "room": room, "company": company, "book": book}


def build(*args):
    call_command("build_invoices", "--month", "2026-03", *args, stdout=StringIO(), stderr=StringIO())
    return Invoice.objects.get(company__slug="brightwater", period_start=date(2026, 3, 1))


def amounts(invoice):
    return sorted(line.amount for line in invoice.lines.all())


@pytest.mark.django_db
def test_rejected_waiver_then_approved_discount_is_billed_with_discount(setup):
    setup["book"](setup["hot"], 2, 9, 8)                                   # 36.00
    setup["book"](setup["room"], 10, 14, 2,                                # 60.00 - 50% = 30.00
                  (WAIVER, REJECTED, None), (DISCOUNT, APPROVED, 50))

    invoice = build()

    assert amounts(invoice) == [Decimal("30.00"), Decimal("36.00")]
    assert invoice.subtotal == Decimal("66.00")
    assert invoice.total == Decimal("79.86")


@pytest.mark.django_db
def test_open_waiver_request_does_not_drop_discounted_booking(setup):
    setup["book"](setup["hot"], 3, 9, 8,                                   # 36.00 - 20% = 28.80
                  (DISCOUNT, APPROVED, 20), (WAIVER, REQUESTED, None))

    invoice = build()

    assert amounts(invoice) == [Decimal("28.80")]
    assert invoice.subtotal == Decimal("28.80")


@pytest.mark.django_db
def test_only_approved_waivers_remove_bookings(setup):
    book, hot, room = setup["book"], setup["hot"], setup["room"]
    book(hot, 2, 9, 8)                                                     # 36.00
    book(room, 10, 14, 2, (WAIVER, REJECTED, None), (DISCOUNT, APPROVED, 50))  # 30.00
    book(hot, 3, 9, 8, (DISCOUNT, APPROVED, 20), (WAIVER, REQUESTED, None))     # 28.80
    book(hot, 4, 9, 8, (WAIVER, APPROVED, None), (DISCOUNT, REJECTED, 10))      # waived
    book(hot, 5, 9, 8, (DISCOUNT, APPROVED, 10), (WAIVER, APPROVED, None))      # waived
    book(room, 6, 9, 1, (WAIVER, APPROVED, None))                               # waived
    book(hot, 9, 9, 4, (WAIVER, REJECTED, None), (WAIVER, REJECTED, None))      # 18.00

    out = StringIO()
    call_command("build_invoices", "--month", "2026-03", "--dry-run", stdout=out, stderr=StringIO())
    assert "4 line(s), subtotal EUR 112.80" in out.getvalue()
    assert Invoice.objects.count() == 0

    invoice = build()

    assert invoice.lines.count() == 4
    assert amounts(invoice) == [Decimal("18.00"), Decimal("28.80"), Decimal("30.00"), Decimal("36.00")]
    assert invoice.subtotal == Decimal("112.80")
