import csv
from datetime import datetime

import pytest

from members.models import Section
from rehearsals.models import Rehearsal
from rehearsals.rota import Month
from rehearsals.rota_export import build_section_rows, export_month

from .conftest import LONDON, load_script


def read_csv(path):
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


@pytest.mark.django_db
def test_altos_rows(may_rota):
    rows = build_section_rows(Month(2024, 5), Section.ALTO)
    assert len(rows) == 4
    assert rows[0][:5] == ["Tue 07 May", "19:30", "21:30", "St Mary's Church Hall", "Full choir"]
    assert rows[0][5] == "Tea and biscuits: Joan Baker"
    assert rows[0][6] == "Mei Lin"
    assert rows[1][5:7] == ["", ""]


@pytest.mark.django_db
def test_sectionals_only_in_their_own_section(may_rota):
    Rehearsal.objects.create(starts_at=datetime(2024, 5, 9, 19, 0, tzinfo=LONDON),
                             kind=Rehearsal.Kind.SECTIONAL, section="T")
    assert len(build_section_rows(Month(2024, 5), "T")) == 5
    assert len(build_section_rows(Month(2024, 5), "B")) == 4


@pytest.mark.django_db
def test_export_month_writes_one_file_per_section(may_rota, tmp_path):
    written = export_month(Month(2024, 5), output_dir=tmp_path)
    assert sorted(p.name for p in written) == [
        "rota-2024-05-altos.csv", "rota-2024-05-basses.csv",
        "rota-2024-05-sopranos.csv", "rota-2024-05-tenors.csv",
    ]
    assert all(p.parent == tmp_path / "2024-05" for p in written)
    rows = read_csv(tmp_path / "2024-05" / "rota-2024-05-basses.csv")
    assert rows[0] == ["Riverside Community Choir - rehearsal rota for May 2024"]
    assert "Owen Jones" in rows[1][0]
    assert rows[4][0] == "Date"
    assert rows[5][5] == "Chairs set-up: Peter Walsh"


@pytest.mark.django_db
def test_script_main(may_rota, tmp_path):
    script = load_script("export_rota")
    assert script.main(["--month", "2024-05", "--output-dir", str(tmp_path), "--section", "S"]) == 0
    assert [p.name for p in (tmp_path / "2024-05").iterdir()] == ["rota-2024-05-sopranos.csv"]


@pytest.mark.django_db
def test_script_rejects_bad_month(tmp_path):
    script = load_script("export_rota")
    assert script.main(["--month", "2024-13", "--output-dir", str(tmp_path)]) == 2
    assert not any(tmp_path.iterdir())
