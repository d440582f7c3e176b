"""Acceptance tests: --since/--until are resort-local calendar days and both are inclusive, so the
scans made during the last day of the period are exported and counted."""
import csv
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from lifts.models import PassProduct, SkiPass
from tests.conftest import local


def exported(*args):
    out = StringIO()
    call_command("export_lift_scans", *args, stdout=out)
    return list(csv.DictReader(StringIO(out.getvalue())))


@pytest.fixture
def march(lifts, scan):
    scan(lifts["GB"], local(2024, 2, 29, 15, 50))  # before
    scan(lifts["GB"], local(2024, 3, 1, 8, 31))
    scan(lifts["SL4"], local(2024, 3, 15, 11, 2))
    scan(lifts["GB"], local(2024, 3, 31, 8, 45))
    scan(lifts["SL4"], local(2024, 3, 31, 13, 10))
    scan(lifts["SL4"], local(2024, 3, 31, 16, 25))
    scan(lifts["GB"], local(2024, 4, 1, 8, 40))  # after


@pytest.mark.django_db
def test_export_includes_scans_of_the_last_day(march):
    rows = exported("--since", "2024-03-01", "--until", "2024-03-31")
    assert [r["scanned_at"] for r in rows] == [
        "2024-03-01T08:31:00+01:00",
        "2024-03-15T11:02:00+01:00",
        "2024-03-31T08:45:00+02:00",
        "2024-03-31T13:10:00+02:00",
        "2024-03-31T16:25:00+02:00",
    ]


@pytest.mark.django_db
def test_export_of_a_single_day(march):
    rows = exported("--since", "2024-03-31", "--until", "2024-03-31")
    assert len(rows) == 3
    rows = exported("--since", "2024-03-31", "--until", "2024-03-31", "--lift", "SL4")
    assert [r["scanned_at"][11:16] for r in rows] == ["13:10", "16:25"]


@pytest.mark.django_db
def test_export_to_file(march, tmp_path):
    target = tmp_path / "scans.csv"
    call_command("export_lift_scans", "--since", "2024-03-15", "--until", "2024-03-31", "--output", str(target),
                 stdout=StringIO())
    with target.open(newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 4


@pytest.mark.django_db
def test_monthly_usage_report_counts_the_last_day(lifts, scan):
    day_pass = SkiPass.objects.create(
        number="07-0001-0042", product=PassProduct.objects.create(code="DAY", name="Day pass", days=1,
                                                                  price_chf=Decimal("62")),
        valid_from=date(2024, 3, 31), valid_to=date(2024, 3, 31), sold_at=local(2024, 3, 31, 8, 0))
    scan(lifts["GB"], local(2024, 3, 10, 10, 0))
    scan(lifts["GB"], local(2024, 3, 31, 9, 0), ski_pass=day_pass)
    scan(lifts["SL4"], local(2024, 3, 31, 11, 30), ski_pass=day_pass)
    out = StringIO()
    call_command("lift_usage_report", "--month", "2024-03", stdout=out)
    text = out.getvalue()
    assert "DAY=1" in text
    assert [line.split()[1] for line in text.splitlines() if line.startswith("TOTAL")] == ["3"]
