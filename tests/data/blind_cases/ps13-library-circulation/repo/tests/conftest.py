import csv

import pytest

from catalog.models import Branch, Title
from circulation.spark.events import EVENT_SCHEMA

COLUMNS = [f.name for f in EVENT_SCHEMA.fields]


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole test run (starting the JVM is slow)."""
    from circulation.spark.session import get_spark

    session = get_spark(master="local[1]", app_name="libnet-tests")
    yield session
    session.stop()


@pytest.fixture
def export_dir(tmp_path):
    directory = tmp_path / "exports"
    directory.mkdir()
    return directory


@pytest.fixture
def write_export(export_dir):
    """write_export("2024-03-05", [{"event_id": ..., ...}, ...]) -> path of loans-2024-03-05.csv"""

    def _write(day, events):
        path = export_dir / f"loans-{day}.csv"
        with path.open("w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            for event in events:
                writer.writerow({col: event.get(col, "") for col in COLUMNS})
        return path

    return _write


@pytest.fixture
def branches(db):
    return {
        code: Branch.objects.create(code=code, name=name, region=region)
        for code, name, region in [
            ("CEN", "Central Library", Branch.Region.CITY),
            ("HIL", "Hillside", Branch.Region.NORTH),
            ("MRK", "Market Street", Branch.Region.SOUTH),
        ]
    }


@pytest.fixture
def titles(db):
    return [
        Title.objects.create(isbn="9780141439518", title="Pride and Prejudice", author="Austen", genre="romance"),
        Title.objects.create(isbn="9780007119318", title="Murder on the Orient Express", author="Christie",
                             genre="crime"),
        Title.objects.create(isbn="9781408855652", title="Harry Potter and the Philosopher's Stone",
                             author="Rowling", genre="children", audience=Title.Audience.CHILD),
    ]
