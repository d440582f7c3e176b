from datetime import datetime, timezone as dt_timezone

from analytics.jobs.scans import clean_scans, read_scans
from tests.conftest import scan, write_raw_scans

T0 = datetime(2024, 3, 9, 13, 45, 10, tzinfo=dt_timezone.utc)


def test_read_and_clean_scans(spark, tmp_path):
    events = [
        scan("e1", "2024-03-09-GLR-ATH", "G01", "T1", "ADMIT", T0),
        scan("e1", "2024-03-09-GLR-ATH", "G01", "T1", "ADMIT", T0),  # resent after a network drop
        scan("e2", "2024-03-09-GLR-ATH", "G02", "T2", "deny", T0),
        scan("e3", "2024-03-09-GLR-ATH", "G02", "T3", "TEST", T0),  # controller self-test
        scan("e4", None, "G03", "T4", "ADMIT", T0),
    ]
    folder = write_raw_scans(tmp_path, "2024-03-09", events)
    with (folder / "G09-C1.jsonl").open("a") as fh:
        fh.write("{not json\n")

    rows = {r.event_id: r for r in clean_scans(read_scans(spark, [str(folder)])).collect()}

    assert set(rows) == {"e1", "e2"}
    assert rows["e1"].gate_code == "G01"
    assert rows["e2"].result == "DENY"
    assert (rows["e1"].match_code, rows["e1"].ticket_id, rows["e1"].lane) == ("2024-03-09-GLR-ATH", "T1", 1)
