from datetime import date

import pytest
from django.utils import timezone

from rinks.models import IceSession, ResurfacingSlot
from rinks.planning import PlanningError, build_resurfacing_plan

DAY = date(2024, 11, 15)


def hhmm(slots):
    return [(timezone.localtime(s.starts_at).strftime("%H:%M"), s.reason) for s in slots]


@pytest.mark.django_db
def test_floods_before_between_and_after_sessions(sheet_a, add_session):
    add_session(sheet_a, DAY, "16:00", "17:00")
    add_session(sheet_a, DAY, "17:15", "18:15", kind=IceSession.Kind.FIGURE)
    add_session(sheet_a, DAY, "19:00", "20:00")

    plan = build_resurfacing_plan(sheet_a, DAY)

    R = ResurfacingSlot.Reason
    assert hhmm(plan.slots.all()) == [
        ("15:45", R.OPENING), ("17:00", R.BETWEEN), ("18:15", R.BETWEEN), ("20:00", R.CLOSING),
    ]


@pytest.mark.django_db
def test_long_public_skate_gets_a_mid_session_flood(sheet_a, add_session):
    add_session(sheet_a, DAY, "13:00", "16:00", kind=IceSession.Kind.PUBLIC)
    plan = build_resurfacing_plan(sheet_a, DAY)
    assert ("14:20", ResurfacingSlot.Reason.MID_SESSION) in hhmm(plan.slots.all())


@pytest.mark.django_db
def test_shared_flood_and_cancelled_sessions(sheet_a, add_session):
    add_session(sheet_a, DAY, "06:00", "07:00", resurface_after=False)
    add_session(sheet_a, DAY, "07:00", "08:00")
    add_session(sheet_a, DAY, "09:00", "10:00", cancelled=True)
    plan = build_resurfacing_plan(sheet_a, DAY)
    assert [t for t, _ in hhmm(plan.slots.all())] == ["05:45", "08:00"]


@pytest.mark.django_db
def test_too_short_gap_is_reported(sheet_a, add_session):
    add_session(sheet_a, DAY, "16:00", "17:00")
    add_session(sheet_a, DAY, "17:05", "18:00")
    with pytest.raises(PlanningError, match="only 5 min"):
        build_resurfacing_plan(sheet_a, DAY)


@pytest.mark.django_db
def test_rebuild_replaces_the_previous_plan(sheet_a, add_session):
    first = add_session(sheet_a, DAY, "16:00", "17:00")
    build_resurfacing_plan(sheet_a, DAY)
    first.ends_at = first.ends_at.replace(hour=first.ends_at.hour + 1)
    first.save()

    plan = build_resurfacing_plan(sheet_a, DAY)

    assert plan.sheet.plans.count() == 1
    assert [t for t, _ in hhmm(plan.slots.all())] == ["15:45", "18:00"]
