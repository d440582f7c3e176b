from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from billing.invoicing import issue_season_invoices, record_payment
from billing.models import Invoice
from harbour.models import MooringAssignment


def run(*args):
    out = StringIO()
    call_command("moorings", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_assign_and_refuse_double_booking(season, make_berth, make_vessel):
    make_berth("B14", length="11.00")
    make_vessel("GBR-30418", loa="10.80")
    make_vessel("GBR-30999", loa="8.00")
    out = run("assign", "b14", "gbr-30418", "--from", "2025-05-01")
    assert "assigned to B14 from 2025-05-01" in out
    with pytest.raises(CommandError, match="already taken"):
        run("assign", "B14", "GBR-30999", "--from", "2025-06-01")


@pytest.mark.django_db
def test_oversize_vessel_needs_force(season, make_berth, make_vessel):
    make_berth("A2", length="8.00")
    make_vessel("GBR-40001", loa="9.20")
    with pytest.raises(CommandError, match="does not fit"):
        run("assign", "A2", "GBR-40001", "--season", "2025", "--from", "2025-04-01")
    out = run("assign", "A2", "GBR-40001", "--season", "2025", "--from", "2025-04-01", "--force")
    assert "oversize, forced" in out
    assert MooringAssignment.objects.get().oversize_override


@pytest.mark.django_db
def test_release_rebills_pro_rata(moor, season, mailoutbox):
    assignment = moor("A1", "GBR-1001")
    first = issue_season_invoices(season).issued[0]
    out = run("release", "A1", "--on", "2025-07-31", "--reason", "boat sold")
    assignment.refresh_from_db()
    assert assignment.released_on == date(2025, 7, 31)
    first.refresh_from_db()
    assert first.status == Invoice.Status.SUPERSEDED
    assert first.superseded_by.amount == Decimal("1026.17")  # 1 Apr - 31 Jul
    assert "now INV-2025-0002" in out


@pytest.mark.django_db
def test_release_no_credit_keeps_invoice(moor, season):
    moor("A1", "GBR-1001")
    first = issue_season_invoices(season).issued[0]
    run("release", "A1", "--on", "2025-07-31", "--no-credit")
    assert list(Invoice.objects.all()) == [first]
    first.refresh_from_db()
    assert first.status == Invoice.Status.ISSUED


@pytest.mark.django_db
def test_invoice_run_bills_every_holder(moor, mailoutbox):
    moor("A1", "GBR-1001", email="kerensa@example.com")
    moor("A2", "GBR-1002")
    out = run("invoice", "--season", "2025", "--due-days", "14")
    assert "2 invoices issued" in out
    assert sorted(Invoice.objects.values_list("number", flat=True)) == ["INV-2025-0001", "INV-2025-0002"]
    assert mailoutbox[0].to == ["kerensa@example.com"]
    assert "£1800.00" in mailoutbox[0].body


@pytest.mark.django_db
def test_rerun_replaces_invoices_and_carries_payments(moor, season):
    assignment = moor("A1", "GBR-1001")
    run("invoice")
    record_payment(Invoice.objects.get(), Decimal("500.00"))
    season.rate_per_metre = Decimal("190.00")
    season.save()
    run("invoice")
    new = Invoice.objects.get(assignment=assignment, status=Invoice.Status.ISSUED)
    assert (new.amount, new.credit, new.balance) == (Decimal("1900.00"), Decimal("500.00"), Decimal("1400.00"))
    assert Invoice.objects.get(number="INV-2025-0001").status == Invoice.Status.SUPERSEDED


@pytest.mark.django_db
def test_invoice_dry_run_and_pontoon(moor, mailoutbox):
    moor("A1", "GBR-1001")
    moor("C4", "GBR-1002")
    out = run("invoice", "--pontoon", "c", "--dry-run")
    assert "[dry run]" in out and "1 invoices issued" in out
    assert not Invoice.objects.exists() and mailoutbox == []
    run("invoice", "--pontoon", "c")
    assert list(Invoice.objects.values_list("assignment__berth__code", flat=True)) == ["C4"]


@pytest.mark.django_db
def test_vacant_berths(moor, make_berth):
    moor("A1", "GBR-1001")
    make_berth("A2", length="8.00")
    make_berth("C1", length="14.00", has_power=True)
    make_berth("C2", length="12.00")
    out = run("vacant", "--min-length", "10", "--with-power")
    assert "C1" in out and "C2" not in out and "A2" not in out
    assert "1 vacant berths in 2025" in out
