from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from billing.models import Invoice
from hire.models import Rental, Tool

from .conftest import london


@pytest.mark.django_db
def test_import_tools_creates_and_updates(branch, tmp_path):
    Tool.objects.create(branch=branch, sku="SAW", name="Old saw", day_rate=Decimal("20.00"))
    csv_file = tmp_path / "catalogue.csv"
    csv_file.write_text(
        "sku,name,category,day_rate,deposit,stock\n"
        "SAW,Tile saw,power,24.00,80.00,2\n"
        "HED,Hedge trimmer,garden,18.50,50.00,4\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_tools", str(csv_file), "--branch", "leeds", stdout=out)
    assert "1 created, 1 updated" in out.getvalue()
    assert Tool.objects.get(sku="SAW").day_rate == Decimal("24.00")
    assert Tool.objects.get(sku="HED").stock == 4


@pytest.mark.django_db
def test_import_tools_rejects_unknown_category(branch, tmp_path):
    csv_file = tmp_path / "catalogue.csv"
    csv_file.write_text("sku,name,category,day_rate\nBOAT,Boat,marine,99\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown category"):
        call_command("import_tools", str(csv_file), "--branch", "leeds")
    assert not Tool.objects.exists()


@pytest.mark.django_db
def test_resettle_dry_run_lists_stuck_rentals(make_rental):
    rental = make_rental()
    Rental.objects.filter(pk=rental.pk).update(status=Rental.Status.RETURNED,
                                               returned_at=london(2024, 5, 13, 10, 0))
    out = StringIO()
    call_command("resettle_rental", "--all-stuck", "--dry-run", stdout=out)
    assert f"would resettle rental {rental.pk}" in out.getvalue()


@pytest.mark.django_db
def test_resettle_queues_the_settlement_again(make_rental, queued):
    rental = make_rental()
    Rental.objects.filter(pk=rental.pk).update(status=Rental.Status.RETURNED, checked_in_by="sam",
                                               returned_at=london(2024, 5, 13, 10, 0))
    out = StringIO()
    call_command("resettle_rental", str(rental.pk), stdout=out)
    assert "1 settlement(s) queued" in out.getvalue()
    queued.run_all()
    assert Invoice.objects.get(rental=rental).refund_due == Decimal("80.00")


@pytest.mark.django_db
def test_resettle_refuses_unknown_ids(db):
    with pytest.raises(CommandError, match="no rental with id 999"):
        call_command("resettle_rental", "999")
