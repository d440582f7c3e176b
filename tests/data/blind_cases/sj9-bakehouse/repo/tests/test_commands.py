from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from production.models import ProductionSheet, StandingOrder


@pytest.mark.django_db
def test_build_sheet_command(make_customer, standing):
    standing(make_customer("ANCH"), "SOUR-800", 1, 9)
    out = StringIO()
    call_command("build_sheet", "--date", "2024-04-09", stdout=out)
    assert out.getvalue().strip() == "2024-04-09: 1 drops, 1 products, 9 units (0 closed, 0 paused)"

    ProductionSheet.objects.update(status=ProductionSheet.Status.LOCKED)
    with pytest.raises(CommandError, match="--force"):
        call_command("build_sheet", "--date", "2024-04-09", stdout=StringIO())


@pytest.mark.django_db
def test_build_sheet_command_on_a_sunday(routes):
    out = StringIO()
    call_command("build_sheet", "--date", "2024-04-14", stdout=out)
    assert "no round" in out.getvalue()


@pytest.mark.django_db
def test_import_standing_orders(tmp_path, make_customer, standing, products):
    anch = make_customer("ANCH")
    make_customer("BELL")
    standing(anch, "BAG-STD", 0, 10)
    standing(anch, "SOUR-800", 5, 4)
    path = tmp_path / "orders.csv"
    path.write_text(
        "customer,sku,weekday,quantity,starts_on\n"
        "anch,bag-std,Monday,12,2024-04-15\n"
        "ANCH,SOUR-800,sat,0,2024-04-20\n"
        "BELL,CROI-BUT,fri,24,2024-04-19\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_standing_orders", str(path), stdout=out)

    assert out.getvalue().strip() == "1 created, 1 changed, 1 ended"
    assert StandingOrder.objects.get(customer=anch, weekday=0).quantity == 12
    assert StandingOrder.objects.get(customer=anch, weekday=5).ends_on == date(2024, 4, 19)
    assert StandingOrder.objects.get(customer__code="BELL").starts_on == date(2024, 4, 19)


@pytest.mark.django_db
def test_import_rejects_unknown_customer_and_writes_nothing(tmp_path, make_customer, products):
    make_customer("ANCH")
    path = tmp_path / "orders.csv"
    path.write_text("customer,sku,weekday,quantity\nANCH,BAG-STD,mon,5\nNOPE,BAG-STD,mon,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 3"):
        call_command("import_standing_orders", str(path), stdout=StringIO())
    assert StandingOrder.objects.count() == 0
