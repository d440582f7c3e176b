from datetime import datetime, timezone as dt_timezone

import pytest
from click.testing import CliRunner
from django.core.management import CommandError, call_command

from timetable.cli import cli
from timetable.models import Sailing, Season

GOOD = """route,date,depart,vessel,notes
OBN-CRA,2025-06-02,07:30,Isle of Mull,
CRA-OBN,2025-06-02,08:30,Isle of Mull,
OBN-CRA,2025-06-02,09:35,Isle of Mull,
OBN-COL,2025-06-02,07:15,Loch Frisa,calls at Tiree on return
"""


@pytest.mark.django_db
def test_import_creates_sailings(season, write_csv):
    result = CliRunner().invoke(cli, ["import", str(write_csv(GOOD)), "--season", "S25"])

    assert result.exit_code == 0, result.output
    assert "4 created, 0 updated, 0 removed" in result.output
    assert Sailing.objects.filter(season=season).count() == 4
    first = Sailing.objects.filter(route__code="OBN-CRA").order_by("departs_at").first()
    assert first.departs_at == datetime(2025, 6, 2, 6, 30, tzinfo=dt_timezone.utc)
    assert (first.arrives_at - first.departs_at).total_seconds() == 46 * 60
    assert first.vessel.name == "Isle of Mull"


@pytest.mark.django_db
def test_reimport_updates_instead_of_duplicating(season, write_csv):
    runner = CliRunner()
    runner.invoke(cli, ["import", str(write_csv(GOOD)), "--season", "S25"])
    changed = GOOD.replace("OBN-COL,2025-06-02,07:15,Loch Frisa", "OBN-COL,2025-06-02,07:15,Isle of Mull")
    result = runner.invoke(cli, ["import", str(write_csv(changed, "v2.csv")), "--season", "S25"])

    assert result.exit_code == 0, result.output
    assert "0 created, 4 updated" in result.output
    assert Sailing.objects.count() == 4
    assert Sailing.objects.get(route__code="OBN-COL").vessel.name == "Isle of Mull"


@pytest.mark.django_db
def test_replace_drops_sailings_no_longer_planned(season, write_csv):
    runner = CliRunner()
    runner.invoke(cli, ["import", str(write_csv(GOOD)), "--season", "S25"])
    oban_only = "route,date,depart,vessel,notes\nOBN-CRA,2025-06-02,07:30,Isle of Mull,\n"
    result = runner.invoke(cli, ["import", str(write_csv(oban_only, "v2.csv")), "--season", "S25", "--replace"])

    assert result.exit_code == 0, result.output
    assert set(Sailing.objects.values_list("route__code", flat=True)) == {"OBN-CRA", "CRA-OBN", "OBN-COL"}
    assert Sailing.objects.filter(route__code="OBN-CRA").count() == 1


@pytest.mark.django_db
def test_missing_column_is_reported(season, write_csv):
    result = CliRunner().invoke(cli, ["import", str(write_csv("route,date,vessel\n")), "--season", "S25"])

    assert result.exit_code == 1
    assert "missing column(s): depart" in result.output
    assert not Sailing.objects.exists()


@pytest.mark.django_db
def test_bad_row_is_reported_with_line_number(season, write_csv):
    text = "route,date,depart,vessel,notes\nOBN-CRA,2025-06-02,07:30,Isle of Mull,\nOBN-XXX,2025-06-02,08:00,,\n"
    result = CliRunner().invoke(cli, ["import", str(write_csv(text)), "--season", "S25"])

    assert result.exit_code == 1
    assert "line 3: unknown or inactive route 'OBN-XXX'" in result.output


@pytest.mark.django_db
def test_vessel_in_dry_dock_is_rejected(season, write_csv):
    text = "route,date,depart,vessel,notes\nOBN-COL,2025-06-02,07:15,Clansman,\n"
    result = CliRunner().invoke(cli, ["import", str(write_csv(text)), "--season", "S25"])

    assert result.exit_code == 1
    assert "not in service" in result.output


@pytest.mark.django_db
def test_manage_py_entry_point(season, write_csv, capsys):
    call_command("timetable", "import", str(write_csv(GOOD)), "--season", "S25")
    assert "4 created" in capsys.readouterr().out

    with pytest.raises(CommandError, match="no season 'W99'"):
        call_command("timetable", "import", str(write_csv(GOOD)), "--season", "W99")


@pytest.mark.django_db
def test_publish(season, write_csv):
    runner = CliRunner()
    empty = runner.invoke(cli, ["publish", "S25"])
    assert empty.exit_code == 1 and "no sailings" in empty.output

    runner.invoke(cli, ["import", str(write_csv(GOOD)), "--season", "S25"])
    result = runner.invoke(cli, ["publish", "S25"])
    assert result.exit_code == 0, result.output
    assert Season.objects.get(code="S25").status == Season.Status.PUBLISHED


@pytest.mark.django_db
def test_swap_vessel(season, write_csv):
    runner = CliRunner()
    runner.invoke(cli, ["import", str(write_csv(GOOD)), "--season", "S25"])
    result = runner.invoke(cli, ["swap-vessel", "--season", "S25", "--route", "OBN-CRA",
                                 "--from-vessel", "Isle of Mull", "--to-vessel", "Loch Frisa",
                                 "--from-day", "2025-06-01"])
    assert result.exit_code == 0, result.output
    assert "2 sailing(s) moved" in result.output
    assert Sailing.objects.filter(route__code="CRA-OBN", vessel__name="Isle of Mull").count() == 1
