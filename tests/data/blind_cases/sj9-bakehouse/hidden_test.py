"""Acceptance tests: the long-running scheduler process sees closures as they are
in the database at the time of each run. A closure that was shortened or
deleted in the admin after an earlier run must not keep the customer off later
sheets, while closures that are still in force keep being honoured."""
from datetime import date, datetime, time, timezone as dt_timezone
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.core.management import call_command
from django.utils import timezone as dj_timezone

from accounts.models import Closure
from production.jobs import build_tomorrows_sheet
from production.models import ProductionSheet
from production.scheduler import build_scheduler

LONDON = ZoneInfo("Europe/London")


def at_london(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), LONDON).astimezone(dt_timezone.utc)


def nightly(day_before):
    """The 20:30 run on ``day_before`` (builds the sheet for the next day)."""
    return build_tomorrows_sheet(now=at_london(day_before, 20, 30))


def codes_on_sheet(day):
    sheet = ProductionSheet.objects.get(day=day)
    return sorted(drop.customer.code for drop in sheet.drops.select_related("customer"))


def sourdough_on_sheet(day):
    sheet = ProductionSheet.objects.get(day=day)
    return sum(line.quantity for line in sheet.lines.filter(product__sku="SOUR-800"))


@pytest.fixture
def round_with_harbour(make_customer, standing):
    """ANCH is always open, HARB has a refit closure, DOCK is on holiday all fortnight."""
    customers = {code: make_customer(code, stop=n) for n, code in enumerate(["ANCH", "HARB", "DOCK"], 1)}
    quantities = {"ANCH": 10, "HARB": 7, "DOCK": 3}
    for code, customer in customers.items():
        for weekday in range(6):
            standing(customer, "SOUR-800", weekday, quantities[code])
    refit = Closure.objects.create(customer=customers["HARB"], first_day=date(2024, 8, 5),
                                   last_day=date(2024, 8, 16), reason="refit")
    Closure.objects.create(customer=customers["DOCK"], first_day=date(2024, 8, 5),
                           last_day=date(2024, 8, 17), reason="summer holiday")
    return customers, refit


@pytest.mark.django_db
def test_shortened_closure_is_honoured_by_later_nightly_runs(round_with_harbour):
    _, refit = round_with_harbour

    nightly(date(2024, 8, 5))  # sheet for Tue 6 Aug
    assert codes_on_sheet(date(2024, 8, 6)) == ["ANCH"]

    # Wednesday: HARB will reopen on Friday, the office shortens the closure in the admin
    refit.last_day = date(2024, 8, 8)
    refit.save()

    nightly(date(2024, 8, 7))  # Thu 8 Aug: still closed
    assert codes_on_sheet(date(2024, 8, 8)) == ["ANCH"]

    nightly(date(2024, 8, 8))  # Fri 9 Aug: open again
    nightly(date(2024, 8, 9))  # Sat 10 Aug
    nightly(date(2024, 8, 11))  # Mon 12 Aug
    for day in (date(2024, 8, 9), date(2024, 8, 10), date(2024, 8, 12)):
        assert codes_on_sheet(day) == ["ANCH", "HARB"], day
        assert sourdough_on_sheet(day) == 17, day


@pytest.mark.django_db
def test_deleted_closure_no_longer_applies_in_the_same_process(round_with_harbour):
    _, refit = round_with_harbour
    nightly(date(2024, 8, 6))
    assert codes_on_sheet(date(2024, 8, 7)) == ["ANCH"]

    refit.delete()  # entered by mistake
    out = StringIO()
    call_command("build_sheet", "--date", "2024-08-07", stdout=out)
    assert codes_on_sheet(date(2024, 8, 7)) == ["ANCH", "HARB"]

    nightly(date(2024, 8, 7))
    assert codes_on_sheet(date(2024, 8, 8)) == ["ANCH", "HARB"]
    assert sourdough_on_sheet(date(2024, 8, 8)) == 17


@pytest.mark.django_db
def test_closures_still_in_force_and_new_ones_are_honoured(round_with_harbour):
    customers, refit = round_with_harbour
    nightly(date(2024, 8, 2))  # Sat 3 Aug, before anyone closes
    assert codes_on_sheet(date(2024, 8, 3)) == ["ANCH", "DOCK", "HARB"]

    refit.last_day = date(2024, 8, 6)
    refit.save()
    Closure.objects.create(customer=customers["ANCH"], first_day=date(2024, 8, 9), last_day=date(2024, 8, 9),
                           reason="staff training")

    nightly(date(2024, 8, 5))
    nightly(date(2024, 8, 8))
    nightly(date(2024, 8, 9))
    assert codes_on_sheet(date(2024, 8, 6)) == ["ANCH"]
    assert codes_on_sheet(date(2024, 8, 9)) == ["HARB"]
    assert codes_on_sheet(date(2024, 8, 10)) == ["ANCH", "HARB"]
    assert ProductionSheet.objects.get(day=date(2024, 8, 9)).skipped_closed == 2


@pytest.mark.django_db
def test_the_registered_scheduler_job_sees_admin_changes(round_with_harbour, monkeypatch):
    _, refit = round_with_harbour
    clock = {"now": at_london(date(2024, 8, 7), 20, 30)}
    monkeypatch.setattr(dj_timezone, "now", lambda: clock["now"])
    job = build_scheduler(BackgroundScheduler).get_job("production-sheet")

    job.func(*job.args, **job.kwargs)
    assert codes_on_sheet(date(2024, 8, 8)) == ["ANCH"]

    refit.last_day = date(2024, 8, 8)
    refit.save()
    clock["now"] = at_london(date(2024, 8, 8), 20, 30)
    job.func(*job.args, **job.kwargs)
    assert codes_on_sheet(date(2024, 8, 9)) == ["ANCH", "HARB"]
