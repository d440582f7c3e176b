from datetime import date

import pytest

from schools.calendar import next_school_day
from schools.models import Holiday


@pytest.mark.django_db
def test_holidays_are_skipped():
    Holiday.objects.create(date=date(2024, 5, 27), name="Memorial Day")
    assert next_school_day(date(2024, 5, 24)) == date(2024, 5, 28)
