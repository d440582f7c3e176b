from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from routes.calendar import is_school_day, next_school_day, planning_day, school_days_between
from schools.models import Holiday

PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.mark.django_db
def test_weekends_and_holidays_are_not_school_days():
    Holiday.objects.create(date=date(2024, 5, 27), name="Memorial Day")
    assert is_school_day(date(2024, 5, 24))
    assert not is_school_day(date(2024, 5, 25))
    assert not is_school_day(date(2024, 5, 27))
    assert next_school_day(date(2024, 5, 24)) == date(2024, 5, 28)


@pytest.mark.django_db
def test_planning_day_is_the_next_school_day():
    assert planning_day(datetime(2024, 5, 13, 15, 0, tzinfo=PACIFIC)) == date(2024, 5, 14)
    assert planning_day(datetime(2024, 5, 17, 15, 0, tzinfo=PACIFIC)) == date(2024, 5, 20)


@pytest.mark.django_db
def test_school_days_between():
    assert school_days_between(date(2024, 5, 10), date(2024, 5, 14)) == [
        date(2024, 5, 10), date(2024, 5, 13), date(2024, 5, 14)]
