import csv
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rehearsals.models import Attendance, Rehearsal

from .conftest import load_script


@pytest.mark.django_db
def test_export_attendance_command(may_rota, tmp_path):
    out = StringIO()
    call_command("export_attendance", "--month", "2024-05", "--output-dir", str(tmp_path), stdout=out)
    with (tmp_path / "attendance-2024-05.csv").open(newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Singer", "Section", "07 May", "14 May", "21 May", "28 May"]
    lin = next(r for r in rows if r[0] == "Mei Lin")
    assert lin[2] == "apologies"


@pytest.mark.django_db
def test_attendance_report_script(singers, tmp_path):
    now = timezone.now()
    recent = [Rehearsal.objects.create(starts_at=now - timedelta(days=d)) for d in (15, 8, 1)]
    for rehearsal in recent:
        for singer in singers.values():
            status = Attendance.Status.ABSENT if singer.last_name == "Walsh" else Attendance.Status.PRESENT
            Attendance.objects.create(rehearsal=rehearsal, singer=singer, status=status)
    target = tmp_path / "attendance.txt"
    assert load_script("attendance_report").main(["--weeks", "3", "--output", str(target)]) == 0
    text = target.read_text()
    assert "(3 rehearsals)" in text
    assert "Basses" in text and "50%" in text
    assert "Peter Walsh (Basses): 3" in text
