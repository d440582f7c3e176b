import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest

# Spark's Python workers must run this interpreter (the project's virtualenv), not python3 from PATH.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

DATA = Path(__file__).parent / "data"

ROOM_TYPES = {  # code: (departure, stayover, deep clean credits), (minutes), linen par
    "STD": ((Decimal("1.00"), Decimal("0.50"), Decimal("2.00")), (30, 15, 75),
            {"bath_towel": 2, "hand_towel": 2, "bath_mat": 1, "sheet_set": 1, "pillowcase": 2}),
    "DLX": ((Decimal("1.25"), Decimal("0.60"), Decimal("2.50")), (40, 18, 90),
            {"bath_towel": 2, "hand_towel": 2, "bath_mat": 1, "sheet_set": 1, "pillowcase": 4}),
    "STE": ((Decimal("2.00"), Decimal("1.00"), Decimal("3.50")), (60, 25, 120),
            {"bath_towel": 4, "hand_towel": 4, "bath_mat": 2, "sheet_set": 2, "pillowcase": 6}),
}
ROOMS = {"101": "STD", "102": "STD", "103": "STD", "104": "STD", "201": "DLX", "202": "STE"}


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("turndown-tests")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture
def tasks_csv():
    return str(DATA / "cleaning_tasks_sample.csv")


@pytest.fixture
def hotel(db):
    from housekeeping.models import Attendant, LinenPar, Property, Room, RoomType

    prop = Property.objects.create(code="LIS1", name="Turndown Lisboa Baixa")
    types = {}
    for code, ((dep, stay, deep), (dep_min, stay_min, deep_min), par) in ROOM_TYPES.items():
        types[code] = RoomType.objects.create(
            property=prop, code=code, name=code.title(), departure_credits=dep, stayover_credits=stay,
            deep_clean_credits=deep, departure_minutes=dep_min, stayover_minutes=stay_min,
            deep_clean_minutes=deep_min,
        )
        for item, quantity in par.items():
            LinenPar.objects.create(room_type=types[code], item=item, quantity=quantity)
    for number, code in ROOMS.items():
        Room.objects.create(property=prop, number=number, floor=int(number[0]), room_type=types[code])
    Attendant.objects.create(property=prop, badge_id="B100", name="Rosa Lima")
    Attendant.objects.create(property=prop, badge_id="B200", name="Joana Reis")
    return prop
