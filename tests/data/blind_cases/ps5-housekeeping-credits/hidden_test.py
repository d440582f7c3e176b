"""Acceptance tests for the attendant credits job: it runs on Spark executors (local[1] here, with
separate Python workers) and produces per-attendant credits from the room types in the database."""
import os
import sys
from datetime import date
from decimal import Decimal

import pytest

from analytics.jobs.attendant_credits import run
from housekeeping.models import Attendant, Property, Room, RoomType

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

HEADER = "task_id,property,room,badge_id,kind,status,business_date,started_at,finished_at,inspected_at"
TASKS = [
    "1,OPO2,310,A7,departure,done,2024-06-02,2024-06-02 08:30:00,2024-06-02 09:05:00,2024-06-02 09:30:00",
    "2,OPO2,311,A7,stayover,done,2024-06-02,2024-06-02 09:10:00,2024-06-02 09:22:00,",
    "3,OPO2,312,A7,deep_clean,done,2024-06-02,2024-06-02 09:30:00,2024-06-02 11:15:00,2024-06-02 11:30:00",
    "4,OPO2,310,A8,stayover,skipped,2024-06-02,,,",
    "5,OPO2,312,A8,stayover,done,2024-06-02,2024-06-02 12:00:00,2024-06-02 12:30:00,",
    "6,OPO2,399,A8,departure,done,2024-06-02,2024-06-02 13:00:00,2024-06-02 13:20:00,",
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[1]")
        .appName("attendant-credits-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


@pytest.fixture
def porto(db):
    prop = Property.objects.create(code="OPO2", name="Turndown Porto Ribeira")
    other = Property.objects.create(code="FAR1", name="Turndown Faro Marina")
    classic = RoomType.objects.create(property=prop, code="CLS", name="Classic", departure_credits=Decimal("1.00"),
                                      stayover_credits=Decimal("0.40"), deep_clean_credits=Decimal("2.20"),
                                      departure_minutes=30, stayover_minutes=15, deep_clean_minutes=90)
    suite = RoomType.objects.create(property=prop, code="STE", name="River suite", departure_credits=Decimal("1.80"),
                                    stayover_credits=Decimal("0.90"), deep_clean_credits=Decimal("3.00"),
                                    departure_minutes=50, stayover_minutes=25, deep_clean_minutes=120)
    far_type = RoomType.objects.create(property=other, code="CLS", name="Classic", departure_credits=Decimal("5.00"),
                                       stayover_credits=Decimal("5.00"), deep_clean_credits=Decimal("5.00"))
    Room.objects.create(property=prop, number="310", floor=3, room_type=classic)
    Room.objects.create(property=prop, number="311", floor=3, room_type=classic)
    Room.objects.create(property=prop, number="312", floor=3, room_type=suite)
    Room.objects.create(property=other, number="399", floor=3, room_type=far_type)
    Attendant.objects.create(property=prop, badge_id="A7", name="Marta Sousa")
    Attendant.objects.create(property=prop, badge_id="A8", name="Ana Pinto")
    return prop


def run_job(spark, tmp_path):
    src = tmp_path / "tasks"
    src.mkdir()
    (src / "tasks.csv").write_text("\n".join([HEADER, *TASKS]) + "\n")
    out = str(tmp_path / "attendant_credits")
    run(spark, str(src), "OPO2", out)
    return {r["badge_id"]: r.asDict() for r in spark.read.parquet(out).collect()}


@pytest.mark.django_db
def test_credits_per_attendant_from_room_types(spark, porto, tmp_path):
    rows = run_job(spark, tmp_path)

    assert set(rows) == {"A7", "A8"}
    a7 = rows["A7"]
    assert a7["business_date"] == date(2024, 6, 2)
    assert a7["rooms_cleaned"] == 3
    assert a7["credits"] == pytest.approx(1.00 + 0.40 + 3.00)
    assert a7["minutes_worked"] == 35 + 12 + 105
    assert a7["over_target"] == 1  # the departure of 310: 35 min against 30
    assert a7["unrated"] == 0


@pytest.mark.django_db
def test_rooms_of_other_properties_are_not_rated(spark, porto, tmp_path):
    a8 = run_job(spark, tmp_path)["A8"]

    assert a8["rooms_cleaned"] == 2
    assert a8["credits"] == pytest.approx(0.90)  # stayover in suite 312; 399 is a Faro room
    assert a8["over_target"] == 1  # 30 min against 25
    assert a8["unrated"] == 1
