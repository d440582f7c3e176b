from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core.management import CommandError, call_command

from analytics.jobs.gate_flow import gate_minute_flow
from analytics.jobs.scans import clean_scans, read_scans
from tests.conftest import scan, write_raw_scans
from turnstiles.models import GateFlowMinute, JobRun

MATCH = "2024-03-09-GLR-ATH"
T0 = datetime(2024, 3, 9, 13, 30, 5, tzinfo=dt_timezone.utc)


def test_gate_minute_flow_counts_each_result(spark, tmp_path):
    events = [
        scan("a1", MATCH, "G01", "T1", "ADMIT", T0),
        scan("a2", MATCH, "G01", "T2", "ADMIT", T0 + timedelta(seconds=20)),
        scan("a3", MATCH, "G01", "T3", "DENY", T0 + timedelta(seconds=40)),
        scan("a4", MATCH, "G01", "T1", "REENTRY", T0 + timedelta(minutes=1)),
    ]
    folder = write_raw_scans(tmp_path, "2024-03-09", events)

    flow = gate_minute_flow(clean_scans(read_scans(spark, [str(folder)])))
    rows = sorted((r.minute.minute, r.admitted, r.rejected, r.reentries) for r in flow.collect())

    assert rows == [(30, 2, 1, 0), (31, 0, 0, 1)]


def test_build_gate_flow_loads_flow(spark, stadium, tmp_path):
    events = [
        scan("b1", MATCH, "G03", "T10", "ADMIT", T0),
        scan("b2", MATCH, "G03", "T11", "ADMIT", T0 + timedelta(seconds=5)),
        scan("b2", MATCH, "G03", "T11", "ADMIT", T0 + timedelta(seconds=5)),
        scan("b3", MATCH, "G99", "T12", "ADMIT", T0),  # temporary gate not in Django
    ]
    write_raw_scans(tmp_path / "raw", "2024-03-09", events)

    call_command(
        "build_gate_flow", "--date", "2024-03-09", "--raw-root", str(tmp_path / "raw"),
        "--output", str(tmp_path / "out"),
    )

    row = GateFlowMinute.objects.get()
    assert (row.gate.code, row.admitted, row.rejected) == ("G03", 2, 0)
    assert row.minute == T0.replace(second=0)
    run = JobRun.objects.get()
    assert (run.job, run.status, run.rows_loaded, run.rows_skipped) == ("gate_flow", "succeeded", 1, 1)


def test_build_gate_flow_without_input(stadium, tmp_path):
    with pytest.raises(CommandError, match="no input"):
        call_command("build_gate_flow", "--date", "2024-03-09", "--raw-root", str(tmp_path))
