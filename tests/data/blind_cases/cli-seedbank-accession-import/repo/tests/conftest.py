import pytest

from accessions.models import Collector

HEADER = "field_number,collector,species,family,collected_on,site,grid_ref,altitude_m,seed_count\n"


@pytest.fixture
def collectors(db):
    return [
        Collector.objects.create(name="R. MacLeod", email="rmacleod@example.org"),
        Collector.objects.create(name="A. Fraser", email="afraser@example.org"),
    ]


@pytest.fixture
def sheet(tmp_path):
    def _write(rows, name="sheet.csv"):
        path = tmp_path / name
        path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        return path
    return _write
