from datetime import date, datetime, timezone as dt_timezone

import pytest

from circulation.exports import export_files
from circulation.periods import export_days, month_bounds, next_month, parse_month, previous_month


def test_parse_month():
    assert parse_month("2024-03") == date(2024, 3, 1)
    with pytest.raises(ValueError):
        parse_month("2024-13")
    with pytest.raises(ValueError):
        parse_month("March")


def test_month_bounds_follow_local_time():
    start, end = month_bounds(date(2024, 3, 1))
    assert start == datetime(2024, 3, 1, 0, 0, tzinfo=dt_timezone.utc)          # GMT
    assert end == datetime(2024, 3, 31, 23, 0, tzinfo=dt_timezone.utc)          # 1 April 00:00 BST
    start, end = month_bounds(date(2024, 12, 1))
    assert next_month(date(2024, 12, 1)) == date(2025, 1, 1)
    assert end == datetime(2025, 1, 1, 0, 0, tzinfo=dt_timezone.utc)


def test_previous_month():
    assert previous_month(date(2024, 1, 9)) == date(2023, 12, 1)
    assert previous_month(date(2024, 3, 31)) == date(2024, 2, 1)


def test_export_files_cover_the_month_and_a_day_either_side(tmp_path):
    days = list(export_days(date(2024, 2, 1)))
    assert days[0] == date(2024, 1, 31) and days[-1] == date(2024, 3, 1) and len(days) == 31
    for name in ["loans-2024-01-30.csv", "loans-2024-01-31.csv", "loans-2024-02-14.csv", "loans-2024-03-01.csv"]:
        (tmp_path / name).write_text("event_id\n1\n")
    (tmp_path / "loans-2024-02-15.csv").write_text("")
    found = export_files(date(2024, 2, 1), tmp_path)
    assert [p.rsplit("/", 1)[1] for p in found] == ["loans-2024-01-31.csv", "loans-2024-02-14.csv",
                                                    "loans-2024-03-01.csv"]
