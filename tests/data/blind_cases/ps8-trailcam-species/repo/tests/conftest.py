import json
from datetime import date
from decimal import Decimal

import pytest

from reserves.models import Camera, Reserve, Species


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("faunawatch-tests")
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
def write_jsonl(tmp_path):
    def _write(name, records):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "part-0000.json").write_text("\n".join(json.dumps(r) for r in records) + "\n")
        return str(folder)
    return _write


@pytest.fixture
def hohe_wand(db):
    reserve = Reserve.objects.create(slug="hohe-wand", name="Hohe Wand", ranger_email="rangers.hw@example.org")
    Camera.objects.create(code="HW-01", reserve=reserve, installed_on=date(2023, 4, 1))
    Camera.objects.create(code="HW-02", reserve=reserve, installed_on=date(2023, 4, 1))
    Camera.objects.create(code="HW-09", reserve=reserve, installed_on=date(2022, 6, 1), active=False)
    Species.objects.create(label_code="lynx_lynx", common_name="Eurasian lynx", scientific_name="Lynx lynx",
                           min_confidence=Decimal("0.70"), protected=True)
    Species.objects.create(label_code="vulpes_vulpes", common_name="Red fox", scientific_name="Vulpes vulpes")
    return reserve
