"""Acceptance tests: scripts/export_rota.py works the same whatever directory it
is started from (cron starts it from the cron user's home directory): it finds
its own files, and without --output-dir it writes to exports/rota/YYYY-MM/ in
the project folder, as its help says."""
import csv
import importlib.util
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from members.models import Singer
from rehearsals.models import Attendance, Rehearsal, RotaDuty

PROJECT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
MONTH = "2031-03"
EXPECTED_FILES = [
    f"rota-{MONTH}-altos.csv", f"rota-{MONTH}-basses.csv",
    f"rota-{MONTH}-sopranos.csv", f"rota-{MONTH}-tenors.csv",
]


def load_export_script():
    spec = importlib.util.spec_from_file_location("export_rota_under_test", PROJECT / "scripts" / "export_rota.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_csv(path):
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def march_rota(db):
    alto = Singer.objects.create(first_name="Mei", last_name="Lin", section="A", is_section_leader=True)
    helper = Singer.objects.create(first_name="Joan", last_name="Baker", section="A")
    Singer.objects.create(first_name="Owen", last_name="Jones", section="B", is_section_leader=True)
    Singer.objects.create(first_name="Ruth", last_name="Adeyemi", section="S", is_section_leader=True)
    Singer.objects.create(first_name="Tom", last_name="Price", section="T", is_section_leader=True)
    rehearsals = [Rehearsal.objects.create(starts_at=datetime(2031, 3, day, 19, 30, tzinfo=LONDON))
                  for day in (4, 11, 18)]
    RotaDuty.objects.create(rehearsal=rehearsals[0], singer=helper, duty=RotaDuty.Duty.TEA)
    Attendance.objects.create(rehearsal=rehearsals[1], singer=alto, status=Attendance.Status.APOLOGIES)
    return rehearsals


@pytest.fixture
def cron_home(tmp_path, monkeypatch):
    home = tmp_path / "home" / "choirhub"
    home.mkdir(parents=True)
    monkeypatch.chdir(home)
    return home


@pytest.fixture
def project_export_dir():
    """The documented default location; removed again after the test."""
    exports = PROJECT / "exports"
    created = [p for p in (exports, exports / "rota") if not p.exists()]
    month_dir = exports / "rota" / MONTH
    if month_dir.exists():
        shutil.rmtree(month_dir)
    yield month_dir
    shutil.rmtree(month_dir, ignore_errors=True)
    for path in reversed(created):
        try:
            path.rmdir()
        except OSError:
            pass


def check_altos_file(path):
    rows = read_csv(path)
    assert rows[0] == ["Riverside Community Choir - rehearsal rota for March 2031"]
    assert "Mei Lin" in rows[1][0]
    header_at = rows.index(["Date", "Start", "End", "Venue", "Rehearsal", "Duties", "Apologies", "Notes"])
    body = rows[header_at + 1:]
    assert [r[0] for r in body] == ["Tue 04 Mar", "Tue 11 Mar", "Tue 18 Mar"]
    assert body[0][5] == "Tea and biscuits: Joan Baker"
    assert body[1][6] == "Mei Lin"


@pytest.mark.django_db
def test_runs_from_another_directory_with_output_dir(march_rota, cron_home, tmp_path):
    out = tmp_path / "shared"
    script = load_export_script()

    result = script.main(["--month", MONTH, "--output-dir", str(out)])

    assert result in (0, None)
    assert sorted(p.name for p in (out / MONTH).iterdir()) == EXPECTED_FILES
    check_altos_file(out / MONTH / f"rota-{MONTH}-altos.csv")
    assert list(cron_home.iterdir()) == []


@pytest.mark.django_db
def test_default_output_is_the_project_exports_folder_from_any_directory(
        march_rota, cron_home, project_export_dir):
    script = load_export_script()

    result = script.main(["--month", MONTH])

    assert result in (0, None)
    assert project_export_dir.is_dir(), "rota files were not written to <project>/exports/rota/YYYY-MM/"
    assert sorted(p.name for p in project_export_dir.iterdir()) == EXPECTED_FILES
    check_altos_file(project_export_dir / f"rota-{MONTH}-altos.csv")
    assert list(cron_home.iterdir()) == [], "nothing should be written to the directory cron starts in"


@pytest.mark.django_db
def test_same_files_whether_started_in_project_or_elsewhere(march_rota, tmp_path, monkeypatch):
    script = load_export_script()
    monkeypatch.chdir(PROJECT)
    assert script.main(["--month", MONTH, "--output-dir", str(tmp_path / "a"), "--section", "A"]) in (0, None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert script.main(["--month", MONTH, "--output-dir", str(tmp_path / "b"), "--section", "A"]) in (0, None)

    first = read_csv(tmp_path / "a" / MONTH / f"rota-{MONTH}-altos.csv")
    second = read_csv(tmp_path / "b" / MONTH / f"rota-{MONTH}-altos.csv")
    # the "Exported <time>" line may differ by a minute; everything else must match
    assert [r for r in first if not (r and r[0].startswith("Exported"))] == \
        [r for r in second if not (r and r[0].startswith("Exported"))]
