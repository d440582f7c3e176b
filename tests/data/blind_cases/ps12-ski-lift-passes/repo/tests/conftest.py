import csv
from datetime import date

import pytest
from pyspark.sql import SparkSession

from analytics.sources import EXPORT_COLUMNS
from resorts.models import Gate, Lift, Resort

DAY = date(2024, 2, 10)


@pytest.fixture(scope="session")
def spark():
    session = (
        SparkSession.builder.master("local[1]")
        .appName("summitline-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def export_root(tmp_path, settings):
    root = tmp_path / "gate-exports"
    root.mkdir()
    settings.GATE_EXPORT_ROOT = root
    return root


@pytest.fixture
def make_resort(db):
    def _make(code, name=None, **kwargs):
        return Resort.objects.create(code=code, name=name or code.title(),
                                     export_folder=kwargs.pop("export_folder", code.lower()), **kwargs)
    return _make


@pytest.fixture
def make_lift(db):
    def _make(resort, code, gate_ids=(), **kwargs):
        lift = Lift.objects.create(resort=resort, code=code, name=kwargs.pop("name", code), **kwargs)
        for gate_id in gate_ids:
            Gate.objects.create(lift=lift, gate_id=gate_id)
        return lift
    return _make


def write_export(root, resort, day, rows, columns=EXPORT_COLUMNS):
    """Write a gate export the way the vendors do: a header line, then one line per scan."""
    folder = root / resort.export_folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"scans_{day:%Y%m%d}.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])
    return path


def scan(scan_id, gate_id, pass_id, pass_type, at="2024-02-10 09:15:00", result="OK"):
    return {"scan_id": scan_id, "scanned_at": at, "gate_id": gate_id, "pass_id": pass_id,
            "pass_type": pass_type, "result": result}
