"""Acceptance tests: a timetable import that stops on a bad row must leave the
season exactly as it was before the import (nothing half-imported)."""
from datetime import date

import pytest
from click.testing import CliRunner
from django.core.management import CommandError, call_command

from timetable.cli import cli
from timetable.models import Route, Sailing, Season, Vessel, Port

HEADER = "route,date,depart,vessel,notes\n"
PLAN = (
    "OBN-CRA,2025-06-02,07:30,Isle of Mull,\n"
    "CRA-OBN,2025-06-02,08:30,Isle of Mull,\n"
    "OBN-CRA,2025-06-02,09:35,Isle of Mull,\n"
    "CRA-OBN,2025-06-02,10:40,Isle of Mull,\n"
    "OBN-COL,2025-06-02,07:15,Loch Frisa,\n"
)
# line 5 (4th sailing) has a route that does not exist
BROKEN = PLAN.replace("CRA-OBN,2025-06-02,10:40", "CRA-0BN,2025-06-02,10:40")


@pytest.fixture
def s25(db):
    obn = Port.objects.create(code="OBN", name="Oban")
    cra = Port.objects.create(code="CRA", name="Craignure")
    col = Port.objects.create(code="COL", name="Coll")
    Route.objects.create(code="OBN-CRA", origin=obn, destination=cra, crossing_minutes=46)
    Route.objects.create(code="CRA-OBN", origin=cra, destination=obn, crossing_minutes=46)
    Route.objects.create(code="OBN-COL", origin=obn, destination=col, crossing_minutes=160)
    Vessel.objects.create(name="Isle of Mull", passenger_capacity=962, car_capacity=70)
    Vessel.objects.create(name="Loch Frisa", passenger_capacity=250, car_capacity=36)
    return Season.objects.create(code="S25", name="Summer 2025", starts_on=date(2025, 3, 28),
                                 ends_on=date(2025, 10, 24))


def _csv(tmp_path, body, name="plan.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


def _snapshot():
    return sorted(
        (s.route.code, s.departs_at.isoformat(), s.vessel.name if s.vessel else None, s.notes)
        for s in Sailing.objects.select_related("route", "vessel")
    )


@pytest.mark.django_db
def test_failed_import_writes_no_sailings(s25, tmp_path):
    result = CliRunner().invoke(cli, ["import", _csv(tmp_path, BROKEN), "--season", "S25"])

    assert result.exit_code != 0
    assert "line 5" in result.output
    assert Sailing.objects.count() == 0, "sailings before the bad row were saved"


@pytest.mark.django_db
def test_failed_import_via_manage_py_writes_no_sailings(s25, tmp_path):
    with pytest.raises(CommandError):
        call_command("timetable", "import", _csv(tmp_path, BROKEN), "--season", "S25")
    assert Sailing.objects.count() == 0


@pytest.mark.django_db
def test_failed_update_leaves_existing_sailings_untouched(s25, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["import", _csv(tmp_path, PLAN), "--season", "S25"]).exit_code == 0
    before = _snapshot()

    swapped = BROKEN.replace("Isle of Mull", "Loch Frisa")
    result = runner.invoke(cli, ["import", _csv(tmp_path, swapped, "v2.csv"), "--season", "S25"])

    assert result.exit_code != 0
    assert _snapshot() == before


@pytest.mark.django_db
def test_failed_replace_keeps_the_current_timetable(s25, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["import", _csv(tmp_path, PLAN), "--season", "S25"]).exit_code == 0
    before = _snapshot()

    result = runner.invoke(cli, ["import", _csv(tmp_path, BROKEN, "v2.csv"), "--season", "S25", "--replace"])

    assert result.exit_code != 0
    assert _snapshot() == before


@pytest.mark.django_db
def test_corrected_file_imports_fully_after_a_failure(s25, tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["import", _csv(tmp_path, BROKEN), "--season", "S25"])
    result = runner.invoke(cli, ["import", _csv(tmp_path, PLAN, "fixed.csv"), "--season", "S25"])

    assert result.exit_code == 0, result.output
    assert "5 created, 0 updated" in result.output
    assert Sailing.objects.count() == 5
