import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command


def export(*args):
    out = StringIO()
    call_command("export_readings", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_export_all_stations_csv(readings):
    rows = list(csv.DictReader(StringIO(export())))
    assert [r["station"] for r in rows] == ["ATH01"] * 4 + ["BAN02"] * 2 + ["SUC03"] * 2
    assert rows[0] == {"station": "ATH01", "taken_at": "2024-01-15T12:00:00+00:00", "stage_mm": "1200",
                       "quality": "good"}


@pytest.mark.django_db
def test_export_include_suspect_json(readings):
    data = json.loads(export("--format", "json", "--include-suspect"))
    ban = [r for r in data["readings"] if r["station"] == "BAN02"]
    assert [r["stage_mm"] for r in ban] == [900, 905, 915]


@pytest.mark.django_db
def test_export_date_window(readings):
    assert export("--since", "2024-01-16").strip() == "station,taken_at,stage_mm,quality"
    assert len(export("--until", "2024-01-15").strip().splitlines()) == 1 + 8


@pytest.mark.django_db
def test_export_to_file(readings, tmp_path):
    target = tmp_path / "out.csv"
    call_command("export_readings", "-o", str(target), stdout=StringIO(), stderr=StringIO())
    assert len(target.read_text(encoding="utf-8").splitlines()) == 9
