from decimal import Decimal

import pytest

from crews import jobs
from crews.models import Technician, Timesheet, WorkOrder


def _ts(technician, work_order, day, hours, kind=Timesheet.Kind.WORK):
    return Timesheet.objects.create(technician=technician, work_order=work_order, work_date=day,
                                    hours=Decimal(hours), kind=kind)


@pytest.mark.django_db
def test_apply_timesheet_books_hours(technician, work_order, days_ago):
    ts = _ts(technician, work_order, days_ago(1), "7.5")
    assert jobs.apply_timesheet(ts.pk) == Timesheet.Status.APPLIED

    technician.refresh_from_db()
    work_order.refresh_from_db()
    ts.refresh_from_db()
    assert technician.regular_hours == Decimal("7.5")
    assert technician.overtime_hours == 0
    assert work_order.labour_hours == Decimal("7.5")
    assert work_order.status == WorkOrder.Status.IN_PROGRESS
    assert (ts.regular_hours, ts.overtime_hours) == (Decimal("7.5"), Decimal("0"))


@pytest.mark.django_db
def test_hours_above_cap_are_overtime(technician, work_order, days_ago):
    Technician.objects.filter(pk=technician.pk).update(regular_hours=Decimal("155"))
    ts = _ts(technician, work_order, days_ago(2), "8")
    jobs.apply_timesheet(ts.pk)

    technician.refresh_from_db()
    ts.refresh_from_db()
    assert technician.regular_hours == Decimal("160")
    assert technician.overtime_hours == Decimal("3")
    assert (ts.regular_hours, ts.overtime_hours) == (Decimal("5"), Decimal("3"))


@pytest.mark.django_db
def test_consecutive_timesheets_add_up(technician, work_order, days_ago):
    for n, hours in enumerate(["8", "6.5", "10"], start=1):
        jobs.apply_timesheet(_ts(technician, work_order, days_ago(n), hours).pk)
    technician.refresh_from_db()
    assert technician.regular_hours == Decimal("24.5")


@pytest.mark.django_db
def test_applying_twice_is_a_no_op(technician, work_order, days_ago):
    ts = _ts(technician, work_order, days_ago(1), "4")
    jobs.apply_timesheet(ts.pk)
    jobs.apply_timesheet(ts.pk)
    technician.refresh_from_db()
    assert technician.regular_hours == Decimal("4")


@pytest.mark.django_db
def test_closed_work_order_rejects_time(technician, work_order, days_ago):
    WorkOrder.objects.filter(pk=work_order.pk).update(status=WorkOrder.Status.CLOSED)
    ts = _ts(technician, work_order, days_ago(1), "4")
    assert jobs.apply_timesheet(ts.pk) == Timesheet.Status.REJECTED
    ts.refresh_from_db()
    assert "is closed" in ts.reject_reason
    technician.refresh_from_db()
    assert technician.regular_hours == 0


@pytest.mark.django_db
def test_standby_allowance(technician, days_ago):
    Technician.objects.filter(pk=technician.pk).update(on_call=True)
    assert jobs.post_standby_allowance(days_ago(1).isoformat()) == 1
    assert jobs.post_standby_allowance(days_ago(1).isoformat()) == 0
    technician.refresh_from_db()
    assert technician.regular_hours == Decimal("2")


@pytest.mark.django_db
def test_close_service_work_order_resets_counter(technician, work_order, days_ago):
    WorkOrder.objects.filter(pk=work_order.pk).update(is_service=True)
    jobs.apply_timesheet(_ts(technician, work_order, days_ago(1), "6").pk)
    assert jobs.close_work_order(work_order.pk, closed_by="site lead")
    work_order.turbine.refresh_from_db()
    assert work_order.turbine.hours_until_service == 4000
