from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rinks.models import ResurfacingPlan
from rinks.tasks import purge_old_resurfacing_plans, rebuild_tomorrow_resurfacing_plan


@pytest.mark.django_db
def test_periodic_job_builds_tomorrows_plan(sheet_a, tomorrow, add_session):
    add_session(sheet_a, tomorrow, "18:00", "19:00")
    add_session(sheet_a, tomorrow, "19:30", "20:30")

    rebuild_tomorrow_resurfacing_plan()

    plan = ResurfacingPlan.objects.get(sheet=sheet_a, day=tomorrow)
    assert plan.slots.count() == 3


@pytest.mark.django_db
def test_periodic_job_picks_up_new_bookings(sheet_a, tomorrow, add_session):
    add_session(sheet_a, tomorrow, "18:00", "19:00")
    rebuild_tomorrow_resurfacing_plan()
    add_session(sheet_a, tomorrow, "20:00", "21:00")
    rebuild_tomorrow_resurfacing_plan()

    plan = ResurfacingPlan.objects.get(sheet=sheet_a, day=tomorrow)
    assert plan.slots.count() == 3


@pytest.mark.django_db
def test_purge_keeps_recent_plans(settings, sheet_a):
    today = timezone.localdate()
    now = timezone.now()
    ResurfacingPlan.objects.create(sheet=sheet_a, day=today - timedelta(days=90), built_at=now)
    recent = ResurfacingPlan.objects.create(sheet=sheet_a, day=today - timedelta(days=3), built_at=now)

    purge_old_resurfacing_plans()

    assert list(ResurfacingPlan.objects.all()) == [recent]


@pytest.mark.django_db
def test_command_rebuilds_and_prints(sheet_a, tomorrow, add_session):
    add_session(sheet_a, tomorrow, "18:00", "19:00")
    out = StringIO()
    call_command("resurfacing_plan", tomorrow.isoformat(), "--rebuild", stdout=out)
    text = out.getvalue()
    assert "Northgate Arena Sheet A" in text
    assert "17:45-18:00 opening" in text and "19:00-19:15 closing" in text


@pytest.mark.django_db
def test_board_json(client, sheet_a, tomorrow, add_session):
    add_session(sheet_a, tomorrow, "18:00", "19:00", title="Wolves U13")
    call_command("resurfacing_plan", "tomorrow", "--rebuild", stdout=StringIO())
    resp = client.get(f"/rinks/northgate/resurfacing/{tomorrow.isoformat()}/")
    assert resp.status_code == 200
    floods = resp.json()["sheets"][0]["floods"]
    assert [f["from"] for f in floods] == ["17:45", "19:00"]
    assert floods[1]["after"].startswith("Wolves U13")
