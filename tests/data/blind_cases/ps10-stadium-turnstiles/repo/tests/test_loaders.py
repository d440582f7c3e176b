from datetime import datetime, timezone as dt_timezone

import pytest

from turnstiles.loaders import ExportNotFound, load_gate_flow
from turnstiles.models import GateFlowMinute

HEADER = "match_code,gate_code,minute,admitted,rejected,reentries\n"


def write_export(folder, parts):
    folder.mkdir()
    for i, lines in enumerate(parts):
        (folder / f"part-{i:05d}-0a1b-c000.csv").write_text(HEADER + "".join(lines))
    (folder / "_SUCCESS").write_text("")
    return folder


def test_load_gate_flow_reads_every_part_and_upserts(stadium, tmp_path):
    export = write_export(
        tmp_path / "flow",
        [
            ["2024-03-09-GLR-ATH,G01,2024-03-09T13:30:00Z,12,1,0\n"],
            ["2024-03-09-GLR-ATH,G02,2024-03-09T13:30:00Z,7,0,0\n", "NOPE,G02,2024-03-09T13:30:00Z,1,0,0\n"],
        ],
    )
    GateFlowMinute.objects.create(
        match=stadium[1]["2024-03-09-GLR-ATH"], gate=stadium[0]["G01"],
        minute=datetime(2024, 3, 9, 13, 30, tzinfo=dt_timezone.utc), admitted=3,
    )

    result = load_gate_flow(export)

    assert (result.loaded, result.skipped) == (2, 1)
    assert dict(GateFlowMinute.objects.values_list("gate__code", "admitted")) == {"G01": 12, "G02": 7}


def test_unfinished_export_is_refused(stadium, tmp_path):
    folder = tmp_path / "flow"
    folder.mkdir()
    with pytest.raises(ExportNotFound):
        load_gate_flow(folder)
