from datetime import date

import pytest

from accounts.models import Closure
from production.models import BakeryHoliday, Drop, OneOffOrder, ProductionSheet
from production.planning import SheetLocked, build_sheet, plan_day

TUE = date(2024, 4, 9)


def lines(sheet):
    return {line.product.sku: (line.quantity, line.batches) for line in sheet.lines.select_related("product")}


@pytest.mark.django_db
def test_standing_orders_for_the_weekday_are_totalled(make_customer, standing):
    a, b = make_customer("ANCH"), make_customer("BRUN", route="S")
    standing(a, "SOUR-800", TUE.weekday(), 10)
    standing(a, "SOUR-800", TUE.weekday() + 1, 99)  # Wednesday only
    standing(b, "SOUR-800", TUE.weekday(), 20)
    standing(b, "CROI-BUT", TUE.weekday(), 70)

    sheet = build_sheet(TUE)

    assert lines(sheet) == {"SOUR-800": (30, 2), "CROI-BUT": (70, 2)}
    drops = {d.customer.code: (d.route.code, d.items) for d in sheet.drops.select_related("customer", "route")}
    assert drops == {"ANCH": ("N", {"SOUR-800": 10}), "BRUN": ("S", {"CROI-BUT": 70, "SOUR-800": 20})}


@pytest.mark.django_db
def test_one_offs_are_added_and_cancelled_ones_ignored(make_customer, standing, products):
    a = make_customer("ANCH")
    standing(a, "BAG-STD", TUE.weekday(), 12)
    OneOffOrder.objects.create(customer=a, product=products["BAG-STD"], delivery_day=TUE, quantity=8)
    OneOffOrder.objects.create(customer=a, product=products["SOUR-800"], delivery_day=TUE, quantity=5,
                               cancelled=True)

    sheet = build_sheet(TUE)

    assert lines(sheet) == {"BAG-STD": (20, 1)}


@pytest.mark.django_db
def test_ended_and_future_standing_orders_are_left_out(make_customer, standing):
    a = make_customer("ANCH")
    standing(a, "SOUR-800", TUE.weekday(), 4, ends_on=date(2024, 4, 8))
    standing(a, "BAG-STD", TUE.weekday(), 6, starts_on=date(2024, 4, 10))
    standing(a, "CROI-BUT", TUE.weekday(), 30, starts_on=TUE, ends_on=TUE)

    assert lines(build_sheet(TUE)) == {"CROI-BUT": (30, 1)}


@pytest.mark.django_db
def test_paused_and_closed_customers_get_nothing(make_customer, standing):
    day = date(2024, 3, 12)
    open_, paused, closed = make_customer("OPEN"), make_customer("PAUS", is_paused=True), make_customer("SHUT")
    for customer in (open_, paused, closed):
        standing(customer, "SOUR-800", day.weekday(), 5)
    Closure.objects.create(customer=closed, first_day=date(2024, 3, 11), last_day=date(2024, 3, 16),
                           reason="annual holiday")

    sheet = build_sheet(day)

    assert [d.customer.code for d in sheet.drops.all()] == ["OPEN"]
    assert (sheet.skipped_closed, sheet.skipped_paused) == (1, 1)
    assert lines(sheet) == {"SOUR-800": (5, 1)}


@pytest.mark.django_db
def test_no_sheet_on_sundays_or_bakery_holidays(make_customer, standing):
    a = make_customer("ANCH")
    standing(a, "SOUR-800", 0, 5)
    BakeryHoliday.objects.create(day=date(2024, 4, 1), name="Easter Monday")

    assert build_sheet(date(2024, 4, 14)) is None
    assert build_sheet(date(2024, 4, 1)) is None
    assert ProductionSheet.objects.count() == 0
    assert plan_day(date(2024, 4, 1)).drops == {}


@pytest.mark.django_db
def test_rebuilding_replaces_the_lines(make_customer, standing):
    a = make_customer("ANCH")
    order = standing(a, "SOUR-800", TUE.weekday(), 10)
    build_sheet(TUE)
    order.quantity = 14
    order.save()

    sheet = build_sheet(TUE)

    assert ProductionSheet.objects.count() == 1
    assert lines(sheet) == {"SOUR-800": (14, 1)}
    assert Drop.objects.get().items == {"SOUR-800": 14}


@pytest.mark.django_db
def test_locked_sheet_is_only_rebuilt_with_force(make_customer, standing):
    a = make_customer("ANCH")
    standing(a, "SOUR-800", TUE.weekday(), 10)
    sheet = build_sheet(TUE)
    ProductionSheet.objects.filter(pk=sheet.pk).update(status=ProductionSheet.Status.LOCKED)

    with pytest.raises(SheetLocked):
        build_sheet(TUE)
    assert lines(build_sheet(TUE, force=True)) == {"SOUR-800": (10, 1)}
