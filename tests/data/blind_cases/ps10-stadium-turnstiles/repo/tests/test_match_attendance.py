from datetime import datetime, timedelta, timezone as dt_timezone

from django.core.management import call_command

from tests.conftest import scan, write_raw_scans
from turnstiles.models import MatchAttendance

MATCH = "2024-03-09-GLR-ATH"
T0 = datetime(2024, 3, 9, 13, 40, tzinfo=dt_timezone.utc)


def test_build_match_attendance(spark, stadium, tmp_path):
    events = [
        scan("m1", MATCH, "G01", "T1", "ADMIT", T0),
        scan("m2", MATCH, "G01", "T2", "ADMIT", T0 + timedelta(minutes=3)),
        scan("m3", MATCH, "G02", "T3", "ADMIT", T0 + timedelta(minutes=9)),
        scan("m4", MATCH, "G02", "T3", "DENY", T0 + timedelta(minutes=10)),
        scan("m5", MATCH, "G01", "T1", "REENTRY", T0 + timedelta(minutes=70)),
    ]
    write_raw_scans(tmp_path / "raw", "2024-03-09", events)

    call_command(
        "build_match_attendance", "--date", "2024-03-09", "--raw-root", str(tmp_path / "raw"),
        "--output", str(tmp_path / "out"),
    )

    att = MatchAttendance.objects.get(match__code=MATCH)
    assert (att.admitted, att.unique_tickets, att.rejected, att.reentries) == (3, 3, 1, 1)
    assert att.busiest_gate.code == "G01" and att.busiest_gate_admitted == 2
    assert att.first_admit_at == T0
    assert att.last_admit_at == T0 + timedelta(minutes=9)
