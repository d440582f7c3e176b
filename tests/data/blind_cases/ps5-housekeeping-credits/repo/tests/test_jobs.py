from datetime import date

import pytest

from analytics.jobs.attendant_credits import attendant_day_summary
from analytics.jobs.inputs import load_cleaning_tasks
from analytics.jobs.linen_usage import linen_usage
from analytics.jobs.turnaround import turnaround_by_floor
from analytics.refdata import broadcast_linen_par, broadcast_room_types, room_type_codes, rooms_frame


def test_load_cleaning_tasks(spark, tasks_csv):
    tasks = {r["task_id"]: r for r in load_cleaning_tasks(spark, tasks_csv).collect()}
    assert len(tasks) == 6
    assert tasks[9001]["minutes"] == 28
    assert tasks[9004]["minutes"] == 80
    assert tasks[9001]["business_date"] == date(2024, 5, 14)
    assert tasks[9005]["badge_id"] is None
    assert tasks[9006]["minutes"] is None


def test_attendant_day_summary(spark):
    rated = spark.createDataFrame(
        [
            (date(2024, 5, 14), "B100", 28, 1.0, 30),
            (date(2024, 5, 14), "B100", 17, 0.5, 15),
            (date(2024, 5, 14), "B200", 45, 1.25, 40),
            (date(2024, 5, 14), "B200", 12, None, None),
        ],
        schema="business_date date, badge_id string, minutes int, credits double, target_minutes int",
    )
    rows = {r["badge_id"]: r.asDict() for r in attendant_day_summary(rated).collect()}
    assert rows["B100"] == {"business_date": date(2024, 5, 14), "badge_id": "B100", "rooms_cleaned": 2,
                            "credits": 1.5, "minutes_worked": 45, "over_target": 1, "unrated": 0}
    assert rows["B200"]["credits"] == 1.25
    assert rows["B200"]["unrated"] == 1


@pytest.mark.django_db
def test_room_type_codes(hotel):
    assert room_type_codes("LIS1") == {"101": "STD", "102": "STD", "103": "STD", "104": "STD",
                                       "201": "DLX", "202": "STE"}


@pytest.mark.django_db
def test_linen_usage(spark, hotel, tasks_csv):
    tasks = load_cleaning_tasks(spark, tasks_csv)
    usage = linen_usage(tasks, broadcast_room_types(spark, "LIS1"), broadcast_linen_par(spark, "LIS1"))
    assert {r["item"]: r["quantity"] for r in usage.collect()} == {
        "bath_towel": 10, "hand_towel": 10, "bath_mat": 4, "sheet_set": 4, "pillowcase": 12,
    }


@pytest.mark.django_db
def test_turnaround_by_floor(spark, hotel, tasks_csv):
    report = turnaround_by_floor(load_cleaning_tasks(spark, tasks_csv), rooms_frame(spark, "LIS1"))
    floors = {r["floor"]: r for r in report.collect()}
    assert floors[1]["departures"] == 1
    assert floors[1]["avg_wait_minutes"] == 22.0
    assert floors[2]["slow_inspections"] == 1
