from datetime import date, datetime, timezone as dt_timezone

import pytest

from bookings import periods


def test_month_bounds_are_local_midnight():
    march = periods.parse_month("2026-03")
    assert march.first_day == date(2026, 3, 1)
    assert march.last_day == date(2026, 3, 31)
    # Amsterdam is UTC+1 on 1 March and UTC+2 on 1 April (DST starts 29 March)
    assert march.start == datetime(2026, 2, 28, 23, 0, tzinfo=dt_timezone.utc)
    assert march.end == datetime(2026, 3, 31, 22, 0, tzinfo=dt_timezone.utc)
    assert march.label == "2026-03"


def test_february_leap_year():
    assert periods.parse_month("2028-02").last_day == date(2028, 2, 29)


@pytest.mark.parametrize("value", ["2026-3", "2026-13", "03-2026", "march"])
def test_parse_month_rejects_garbage(value):
    with pytest.raises(ValueError):
        periods.parse_month(value)


def test_day_range_includes_last_day():
    p = periods.days(date(2026, 3, 10), date(2026, 3, 12))
    assert datetime(2026, 3, 12, 22, 59, tzinfo=dt_timezone.utc) in p
    assert datetime(2026, 3, 12, 23, 0, tzinfo=dt_timezone.utc) not in p
    assert p.label == "2026-03-10..2026-03-12"


def test_previous_month_over_new_year():
    p = periods.previous_month(date(2026, 1, 1))
    assert (p.first_day, p.last_day) == (date(2025, 12, 1), date(2025, 12, 31))
