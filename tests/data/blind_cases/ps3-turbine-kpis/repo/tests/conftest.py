from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("windops-tests")
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
def lake():
    return DATA / "lake"


@pytest.fixture
def farm(db):
    from fleet.models import Turbine, WindFarm

    farm = WindFarm.objects.create(code="TEST1", name="Test Farm One")
    Turbine.objects.create(farm=farm, turbine_id="TEST1-WTG01", model="V112-3.45", rated_kw=3450)
    Turbine.objects.create(farm=farm, turbine_id="TEST1-WTG02", model="V112-3.45", rated_kw=3450)
    return farm
