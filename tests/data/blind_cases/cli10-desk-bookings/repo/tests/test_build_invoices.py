from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from bookings.models import Booking, BookingAdjustment, Invoice
from tests.conftest import local

Kind = BookingAdjustment.Kind
State = BookingAdjustment.Status


def run(*args):
    out = StringIO()
    call_command("build_invoices", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_one_line_per_booking(ruben, hot_desk, room, book):
    book(ruben, hot_desk, local(2026, 3, 2, 9))          # 8h x 4.50
    book(ruben, room, local(2026, 3, 5, 14), hours=2)    # 2h x 30.00
    book(ruben, hot_desk, local(2026, 4, 1, 9))          # April, not on the March invoice

    run("--month", "2026-03")

    invoice = Invoice.objects.get()
    assert invoice.number == "DH-202603-ACME"
    assert invoice.lines.count() == 2
    assert invoice.subtotal == Decimal("96.00")
    assert invoice.vat == Decimal("20.16")
    assert invoice.total == Decimal("116.16")
    assert invoice.status == Invoice.Status.DRAFT


@pytest.mark.django_db
def test_month_follows_local_time(ruben, hot_desk, book):
    book(ruben, hot_desk, local(2026, 3, 1, 0, 30), hours=2)   # 28 Feb 23:30 UTC
    book(ruben, hot_desk, local(2026, 3, 31, 23, 30), hours=1)  # 31 Mar 21:30 UTC

    run("--month", "2026-03")

    assert Invoice.objects.get().lines.count() == 2


@pytest.mark.django_db
def test_cancelled_not_billed_no_show_billed(ruben, hot_desk, book):
    book(ruben, hot_desk, local(2026, 3, 2, 9), status=Booking.Status.CANCELLED)
    book(ruben, hot_desk, local(2026, 3, 3, 9), hours=4, status=Booking.Status.NO_SHOW)

    run("--month", "2026-03")

    invoice = Invoice.objects.get()
    assert [line.hours for line in invoice.lines.all()] == [Decimal("4.00")]
    assert "[no-show]" in invoice.lines.get().description


@pytest.mark.django_db
def test_approved_waiver_is_not_billed(ruben, hot_desk, book, adjust):
    waived = book(ruben, hot_desk, local(2026, 3, 2, 9))
    adjust(waived, Kind.WAIVER, State.APPROVED, reason="monitor broken all day")
    book(ruben, hot_desk, local(2026, 3, 3, 9))

    run("--month", "2026-03")

    assert Invoice.objects.get().subtotal == Decimal("36.00")


@pytest.mark.django_db
def test_rejected_waiver_is_billed(ruben, hot_desk, book, adjust):
    b = book(ruben, hot_desk, local(2026, 3, 2, 9))
    adjust(b, Kind.WAIVER, State.REJECTED)

    run("--month", "2026-03")

    assert Invoice.objects.get().subtotal == Decimal("36.00")


@pytest.mark.django_db
def test_approved_discount(ruben, room, book, adjust):
    b = book(ruben, room, local(2026, 3, 9, 10), hours=3)
    adjust(b, Kind.DISCOUNT, State.APPROVED, percent=25, reason="projector out")

    run("--month", "2026-03")

    line = Invoice.objects.get().lines.get()
    assert line.discount_percent == 25
    assert line.amount == Decimal("67.50")


@pytest.mark.django_db
def test_dry_run_saves_nothing(ruben, hot_desk, book):
    book(ruben, hot_desk, local(2026, 3, 2, 9))

    out = run("--month", "2026-03", "--dry-run")

    assert Invoice.objects.count() == 0
    assert "DH-202603-ACME: 1 line(s), subtotal EUR 36.00 (dry run)" in out


@pytest.mark.django_db
def test_rerun_replaces_draft_but_not_issued(ruben, sanne, hot_desk, room, book,
                                            django_capture_on_commit_callbacks):
    book(ruben, hot_desk, local(2026, 3, 2, 9))
    book(sanne, room, local(2026, 3, 4, 10), hours=1)
    run("--month", "2026-03", "--company", "acme")
    book(ruben, hot_desk, local(2026, 3, 3, 9))

    run("--month", "2026-03", "--company", "acme")
    assert Invoice.objects.get(company__slug="acme").subtotal == Decimal("72.00")

    with django_capture_on_commit_callbacks(execute=True):
        run("--month", "2026-03", "--issue")
    assert sorted(m.to[0] for m in mail.outbox) == ["finance@acme.example", "sanne@example.nl"]
    book(ruben, hot_desk, local(2026, 3, 4, 9))
    run("--month", "2026-03")
    assert Invoice.objects.get(company__slug="acme").subtotal == Decimal("72.00")


@pytest.mark.django_db
def test_unknown_company(acme):
    with pytest.raises(CommandError, match="nope"):
        run("--month", "2026-03", "--company", "nope")


@pytest.mark.django_db
def test_bad_month(acme):
    with pytest.raises(CommandError):
        run("--month", "2026-3")
