import csv
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "export_locations.py"


def load_script():
    spec = importlib.util.spec_from_file_location("export_locations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_export_building(shelf, make_object, tmp_path):
    make_object("2011.5", location="GAL-3-A")
    out = tmp_path / "north.csv"
    assert load_script().main(["--building", "north store", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["accession_number"] for r in rows] == ["1987.34.1", "1987.34.2", "2003.7"]


@pytest.mark.django_db
def test_export_unknown_location_exits_with_usage_error(locations, tmp_path):
    with pytest.raises(SystemExit) as exc:
        load_script().main(["--location", "NOPE", "-o", str(tmp_path / "x.csv")])
    assert exc.value.code == 2
