"""Acceptance tests: two workers applying timesheets of the same technician at
the same time must not lose hours.

The interleaving of two RQ workers is reproduced deterministically: while
worker A is between loading its timesheet and booking it (i.e. while it runs
the working-time checks), worker B applies another timesheet of the same
technician from start to finish. Afterwards worker A carries on.
"""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from crews import jobs, rules
from crews.models import Technician, Timesheet, WorkOrder
from fleet.models import Site, Turbine


@pytest.fixture
def crew(db):
    site = Site.objects.create(code="hrn", name="Horns Rev", kind=Site.Kind.OFFSHORE)
    turbine = Turbine.objects.create(site=site, tag="A12")
    wo = WorkOrder.objects.create(number="WO-7781", turbine=turbine, title="Yaw brake pads")
    tech = Technician.objects.create(employee_no="E2201", name="Jonas Holm", home_site=site,
                                     monthly_cap=Decimal("160"))
    return tech, wo


def _ts(tech, wo, days_ago, hours):
    return Timesheet.objects.create(technician=tech, work_order=wo,
                                    work_date=timezone.localdate() - timedelta(days=days_ago),
                                    hours=Decimal(hours), client_ref=f"hid-{days_ago}")


def _interleave(monkeypatch, first_id, second_id):
    """Run apply_timesheet(first_id); while it validates, apply second_id completely."""
    original = rules.check_timesheet
    state = {"fired": False}

    def check_with_concurrent_worker(ts, *args, **kwargs):
        if ts.pk == first_id and not state["fired"]:
            state["fired"] = True
            jobs.apply_timesheet(second_id)      # the other worker finishes first
        return original(ts, *args, **kwargs)

    monkeypatch.setattr(rules, "check_timesheet", check_with_concurrent_worker)
    monkeypatch.setattr(jobs, "check_timesheet", check_with_concurrent_worker, raising=False)
    jobs.apply_timesheet(first_id)
    assert state["fired"], "the concurrent worker was never started"


@pytest.mark.django_db
def test_concurrent_timesheets_keep_all_hours(crew, monkeypatch):
    tech, wo = crew
    a = _ts(tech, wo, 1, "8")
    b = _ts(tech, wo, 2, "6.5")

    _interleave(monkeypatch, a.pk, b.pk)

    tech.refresh_from_db()
    wo.refresh_from_db()
    assert Timesheet.objects.filter(status=Timesheet.Status.APPLIED).count() == 2
    assert wo.labour_hours == Decimal("14.5")
    assert tech.regular_hours + tech.overtime_hours == Decimal("14.5"), (
        f"technician shows {tech.regular_hours}+{tech.overtime_hours} h, expected 14.5 h"
    )
    assert tech.regular_hours == Decimal("14.5")


@pytest.mark.django_db
def test_concurrent_timesheets_split_overtime_at_the_cap(crew, monkeypatch):
    tech, wo = crew
    Technician.objects.filter(pk=tech.pk).update(regular_hours=Decimal("150"))
    a = _ts(tech, wo, 1, "8")
    b = _ts(tech, wo, 2, "6")

    _interleave(monkeypatch, a.pk, b.pk)

    tech.refresh_from_db()
    a.refresh_from_db()
    b.refresh_from_db()
    assert tech.regular_hours == Decimal("160")
    assert tech.overtime_hours == Decimal("4")
    # the split stored on the timesheets matches the technician's totals
    assert a.regular_hours + b.regular_hours == Decimal("10")
    assert a.overtime_hours + b.overtime_hours == Decimal("4")
    assert (b.regular_hours, b.overtime_hours) == (Decimal("6"), Decimal("0"))
    assert (a.regular_hours, a.overtime_hours) == (Decimal("4"), Decimal("4"))


@pytest.mark.django_db
def test_standby_and_timesheet_workers_do_not_overwrite_each_other(crew, monkeypatch):
    tech, wo = crew
    Technician.objects.filter(pk=tech.pk).update(on_call=True)
    a = _ts(tech, wo, 1, "9")
    original = rules.check_timesheet
    state = {"fired": False}

    def check_with_nightly_job(ts, *args, **kwargs):
        if ts.pk == a.pk and not state["fired"]:
            state["fired"] = True
            jobs.post_standby_allowance((timezone.localdate() - timedelta(days=3)).isoformat())
        return original(ts, *args, **kwargs)

    monkeypatch.setattr(rules, "check_timesheet", check_with_nightly_job)
    monkeypatch.setattr(jobs, "check_timesheet", check_with_nightly_job, raising=False)
    jobs.apply_timesheet(a.pk)

    tech.refresh_from_db()
    assert state["fired"]
    assert tech.regular_hours == Decimal("11")
