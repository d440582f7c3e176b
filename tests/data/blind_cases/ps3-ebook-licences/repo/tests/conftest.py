import os
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

# the Python workers must run in this virtualenv (Django, the project)
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("shelfcloud-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        # each task gets a fresh Python worker, as on a real cluster after executor restarts
        .config("spark.python.worker.reuse", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture
def lake():
    return DATA


@pytest.fixture
def events_path():
    return str(DATA / "loan_events" / "2026-11-03")
