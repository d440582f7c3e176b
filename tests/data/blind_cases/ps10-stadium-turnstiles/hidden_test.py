"""Acceptance tests for build_gate_flow: a match-day backfill spread over several gates must be aggregated
and written in parallel (the export comes out as several part files, as the rest of the job's stages do),
and every per-gate, per-minute row must still be correct once loaded into Django."""
from collections import Counter
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import scan, write_raw_scans
from turnstiles.models import GateFlowMinute, JobRun

GATES = ["G01", "G02", "G03", "G04", "G05", "G06"]
DAYS = {
    "2024-03-09": ("2024-03-09-GLR-ATH", datetime(2024, 3, 9, 13, 30, tzinfo=dt_timezone.utc)),
    "2024-03-16": ("2024-03-16-GLR-UTD", datetime(2024, 3, 16, 13, 30, tzinfo=dt_timezone.utc)),
}
# A cluster-sized run spreads the job over many shuffle partitions; the tiny test data would otherwise be
# folded into one partition by adaptive execution, whatever the job does.
PARALLEL_CONF = {
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.adaptive.coalescePartitions.enabled": "false",
}


@pytest.fixture
def parallel_spark(spark, settings):
    previous = {key: spark.conf.get(key, None) for key in PARALLEL_CONF}
    settings.SPARK = {**settings.SPARK, "CONF": {**settings.SPARK.get("CONF", {}), **PARALLEL_CONF}}
    for key, value in PARALLEL_CONF.items():
        spark.conf.set(key, value)
    yield spark
    for key, value in previous.items():
        if value is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, value)


def matchday_events():
    events, n = [], 0
    for day, (match, start) in DAYS.items():
        for g, gate in enumerate(GATES):
            for i in range(9):
                n += 1
                result = "DENY" if i % 4 == 3 else ("REENTRY" if i == 8 else "ADMIT")
                at = start + timedelta(minutes=(i + g) % 5, seconds=7 * i + g)
                events.append((day, scan(f"ev-{n}", match, gate, f"T{g}{i}", result, at, lane=1 + i % 3)))
            # the controller resends its last event after a network drop
            events.append((day, dict(events[-1][1])))
    return events


def expected_flow(events):
    seen, flow = set(), Counter()
    for _, event in events:
        if event["event_id"] in seen:
            continue
        seen.add(event["event_id"])
        minute = datetime.fromisoformat(event["ts"]).replace(second=0, microsecond=0)
        column = {"ADMIT": "admitted", "DENY": "rejected", "REENTRY": "reentries"}[event["result"]]
        flow[(event["match"], event["gate"].upper(), minute, column)] += 1
    rows = {}
    for (match, gate, minute, column), count in flow.items():
        rows.setdefault((match, gate, minute), {"admitted": 0, "rejected": 0, "reentries": 0})[column] = count
    return rows


def run_backfill(tmp_path):
    events = matchday_events()
    raw = tmp_path / "raw"
    for day in DAYS:
        write_raw_scans(raw, day, [event for d, event in events if d == day])
    out = tmp_path / "gate_flow"
    call_command(
        "build_gate_flow", "--date", "2024-03-09", "--to", "2024-03-16",
        "--raw-root", str(raw), "--output", str(out),
    )
    return events, out


def data_parts(folder):
    parts = []
    for part in Path(folder).rglob("part-*"):
        lines = [line for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
        if any(not line.startswith("match_code,") for line in lines):
            parts.append(part)
    return parts


@pytest.mark.django_db
def test_backfill_export_is_written_in_parallel(parallel_spark, stadium, tmp_path):
    _, out = run_backfill(tmp_path)

    parts = data_parts(out)
    assert len(parts) > 1, (
        f"12 gate/match combinations over 4 shuffle partitions were written by a single task: {parts}"
    )


@pytest.mark.django_db
def test_backfill_loads_every_gate_minute(parallel_spark, stadium, tmp_path):
    events, _ = run_backfill(tmp_path)

    loaded = {
        (row.match.code, row.gate.code, row.minute): {
            "admitted": row.admitted, "rejected": row.rejected, "reentries": row.reentries,
        }
        for row in GateFlowMinute.objects.select_related("match", "gate")
    }
    assert loaded == expected_flow(events)
    run = JobRun.objects.get(job="gate_flow")
    assert (run.status, run.rows_loaded, run.rows_skipped) == ("succeeded", len(loaded), 0)
