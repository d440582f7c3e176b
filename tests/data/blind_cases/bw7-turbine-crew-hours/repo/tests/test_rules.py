from decimal import Decimal

import pytest

from crews.models import Timesheet
from crews.rules import check_timesheet


@pytest.mark.django_db
def test_valid_entry_has_no_problems(technician, work_order, days_ago):
    ts = Timesheet(technician=technician, work_order=work_order, work_date=days_ago(1), hours=Decimal("8"))
    assert check_timesheet(ts) == []


@pytest.mark.django_db
def test_daily_limit(technician, work_order, days_ago):
    Timesheet.objects.create(technician=technician, work_order=work_order, work_date=days_ago(1),
                             hours=Decimal("9"), status=Timesheet.Status.APPLIED)
    ts = Timesheet(technician=technician, work_order=work_order, work_date=days_ago(1), hours=Decimal("5"))
    assert any("daily limit" in p for p in check_timesheet(ts))


@pytest.mark.django_db
def test_future_and_missing_work_order(technician, days_ago):
    ts = Timesheet(technician=technician, work_date=days_ago(-2), hours=Decimal("3"))
    problems = check_timesheet(ts)
    assert "work date is in the future" in problems
    assert "work entries need a work order" in problems
