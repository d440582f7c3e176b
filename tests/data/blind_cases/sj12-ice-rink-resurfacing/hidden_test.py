"""Acceptance tests: one failed run of the resurfacing-plan job (bad booking data)
must not stop the later half-hourly runs; once the booking is corrected, the next
run rebuilds tomorrow's plan."""
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from rinks.models import IceSession, ResurfacingPlan, Rink, Sheet
from rinks.tasks import rebuild_tomorrow_resurfacing_plan


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tomorrow():
    return timezone.localdate() + timedelta(days=1)


@pytest.fixture
def sheet(db):
    rink = Rink.objects.create(name="Northgate Arena", slug="northgate")
    return Sheet.objects.create(rink=rink, code="A", name="Sheet A", resurface_minutes=15)


def at(day, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def session(sheet, day, start, end, kind=IceSession.Kind.HOCKEY, title=""):
    return IceSession.objects.create(sheet=sheet, kind=kind, title=title, starts_at=at(day, start),
                                     ends_at=at(day, end) if end else None)


def run_job():
    """One scheduler tick. A tick may fail on bad data; that is not what is tested."""
    try:
        rebuild_tomorrow_resurfacing_plan()
    except Exception:
        pass


def flood_times(sheet, day):
    plan = ResurfacingPlan.objects.filter(sheet=sheet, day=day).first()
    assert plan is not None, "the job did not build tomorrow's plan"
    return [timezone.localtime(slot.starts_at).strftime("%H:%M") for slot in plan.slots.all()]


@pytest.mark.django_db
def test_run_after_a_session_without_end_time_is_fixed(sheet, tomorrow):
    session(sheet, tomorrow, "18:00", "19:00", title="Wolves U13 practice")
    party = session(sheet, tomorrow, "19:15", None, kind=IceSession.Kind.RENTAL, title="Birthday party")

    run_job()  # the booking office has not confirmed the rental's length yet

    party.ends_at = at(tomorrow, "20:15")
    party.save()
    run_job()

    assert flood_times(sheet, tomorrow) == ["17:45", "19:00", "20:15"]


@pytest.mark.django_db
def test_run_after_overlapping_bookings_are_fixed(sheet, tomorrow):
    session(sheet, tomorrow, "18:00", "19:00")
    clash = session(sheet, tomorrow, "18:45", "19:45", kind=IceSession.Kind.FIGURE)

    run_job()  # booking mistake: the plan cannot be built

    clash.starts_at = at(tomorrow, "19:15")
    clash.ends_at = at(tomorrow, "20:15")
    clash.save()
    run_job()

    assert flood_times(sheet, tomorrow) == ["17:45", "19:00", "20:15"]


@pytest.mark.django_db
def test_every_later_tick_keeps_following_the_bookings(sheet, tomorrow):
    rental = session(sheet, tomorrow, "18:00", None, kind=IceSession.Kind.RENTAL)
    run_job()
    run_job()  # still unconfirmed: fails again

    rental.ends_at = at(tomorrow, "19:00")
    rental.save()
    run_job()
    assert flood_times(sheet, tomorrow) == ["17:45", "19:00"]

    session(sheet, tomorrow, "20:00", "21:00")
    run_job()
    assert flood_times(sheet, tomorrow) == ["17:45", "19:00", "21:00"]
