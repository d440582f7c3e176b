import csv
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core.management import CommandError, call_command

from fleet.models import Line
from telemetry.models import PositionReport
from telemetry.scheduler import build_scheduler


def test_scheduler_registers_all_jobs():
    jobs = build_scheduler().get_jobs()
    names = sorted(job.job_func.args[0].__name__ for job in jobs)
    assert names == ["import_vehicle_telemetry", "mark_silent_vehicles",
                     "purge_old_positions", "sync_vehicle_roster"]


def test_run_job_unknown_name(db):
    with pytest.raises(CommandError, match="unknown job"):
        call_command("run_job", "telemetry-imprt")


def test_export_positions_uses_local_service_day(trams, tmp_path):
    tram = trams["2104"]
    # Europe/Vienna is UTC+2 in May: 2024-05-01 22:30 UTC is already 2 May locally.
    for ts in (datetime(2024, 5, 1, 21, 30), datetime(2024, 5, 1, 22, 30), datetime(2024, 5, 2, 21, 59)):
        PositionReport.objects.create(vehicle=tram, recorded_at=ts.replace(tzinfo=dt_timezone.utc),
                                      latitude="48.2", longitude="16.37")
    out = tmp_path / "positions.csv"

    call_command("export_positions", "--date", "2024-05-02", "--vehicle", "2104", "--output", str(out))

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["recorded_at"][:16] for r in rows] == ["2024-05-02T00:30", "2024-05-02T23:59"]


def test_load_lines(db, tmp_path):
    routes = tmp_path / "routes.txt"
    routes.write_text(
        "route_id,route_short_name,route_long_name,route_type,route_color\n"
        "21-49,49,Ring - Hütteldorf,0,D4001A\n"
        "22-13A,13A,Hauptbahnhof - Alser Str.,3,1B4E9B\n",
        encoding="utf-8",
    )
    call_command("load_lines", str(routes))
    assert list(Line.objects.values_list("number", "colour")) == [("49", "#d4001a")]
