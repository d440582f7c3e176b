import os
import sys
from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("dairycoop-tests")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture
def day_dir():
    return DATA / "tankers" / "2026-03-03"


@pytest.fixture
def farms(db):
    from members.models import Farm, Member, PriceSchedule

    PriceSchedule.objects.create(valid_from="2026-01-01", fat_per_kg=Decimal("5.2500"),
                                 protein_per_kg=Decimal("7.1000"), levy_per_litre=Decimal("0.00150"))
    result = {}
    for n, code in enumerate(("F0101", "F0102", "F0103"), start=1):
        member = Member.objects.create(number=f"M{n:04d}", name=f"Member {n}")
        result[code] = Farm.objects.create(member=member, code=code, name=f"Farm {n}", route="R1")
    return result
