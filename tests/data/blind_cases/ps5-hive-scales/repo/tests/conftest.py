import os
import sys
from pathlib import Path

import pytest

# Spark's Python workers must run this interpreter (the project's virtualenv), not python3 from PATH.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

DATA = Path(__file__).parent / "data"
SCALE_1 = "70B3D57ED005A1B2"
SCALE_2 = "70B3D57ED005A1B3"
STRAY = "70B3D57ED005A1C9"  # in the sample, not registered


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("hivewatch-tests")
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
def uplinks():
    return str(DATA / "uplinks_sample.jsonl")


@pytest.fixture
def yard(db):
    from django.contrib.auth.models import User

    from apiary.models import Apiary, Hive, Scale

    beekeeper = User.objects.create_user("greta", email="greta@example.org")
    apiary = Apiary.objects.create(code="LIN", name="Lindenhof", beekeeper=beekeeper)
    h1 = Hive.objects.create(apiary=apiary, tag="LIN-01")
    h2 = Hive.objects.create(apiary=apiary, tag="LIN-02")
    Scale.objects.create(device_eui=SCALE_1, hive=h1)
    Scale.objects.create(device_eui=SCALE_2, hive=h2)
    return apiary
