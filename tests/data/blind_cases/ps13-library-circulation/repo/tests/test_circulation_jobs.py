from datetime import date, datetime, timezone as dt_timezone
from io import StringIO

import pytest
from django.core.management import call_command

from circulation.models import CirculationStat, ReturnStat, StatsRun
from circulation.spark.enrich import with_isbn13
from circulation.spark.jobs import summarise_loans


def utc(*args):
    return datetime(*args, tzinfo=dt_timezone.utc)


def test_summarise_loans_counts_per_branch_and_genre(spark):
    loans = spark.createDataFrame(
        [
            ("CEN", "crime", "CHECKOUT", "p1"),
            ("CEN", "crime", "CHECKOUT", "p1"),
            ("CEN", "crime", "RENEW", "p2"),
            ("CEN", "romance", "CHECKOUT", "p3"),
            ("HIL", "crime", "RENEW", "p1"),
        ],
        "branch_code string, genre string, event_type string, patron_ref string",
    )
    rows = {(r["branch_code"], r["genre"]): (r["checkouts"], r["renewals"], r["borrowers"])
            for r in summarise_loans(loans).collect()}
    assert rows == {
        ("CEN", "crime"): (2, 1, 1),
        ("CEN", "romance"): (1, 0, 1),
        ("HIL", "crime"): (0, 1, 0),
    }


def test_with_isbn13_normalises_on_the_workers(spark):
    df = spark.createDataFrame([("e1", "0-14-143951-3"), ("e2", "rubbish"), ("e3", None)], "event_id string, isbn string")
    assert {r["event_id"]: r["isbn13"] for r in with_isbn13(df).collect()} == {
        "e1": "9780141439518", "e2": None, "e3": None,
    }


@pytest.mark.django_db
def test_returns_report_per_region(spark, branches, write_export, export_dir):
    write_export("2024-03-04", [
        {"event_id": "r1", "event_type": "RETURN", "occurred_at": "2024-03-04T10:00:00Z", "branch_code": "CEN",
         "isbn": "9780141439518", "patron_ref": "p1", "due_at": "2024-03-10T23:59:00Z"},
        {"event_id": "r2", "event_type": "return", "occurred_at": "2024-03-04T11:00:00Z", "branch_code": "cen",
         "isbn": "9780007119318", "patron_ref": "p2", "due_at": "2024-03-01T23:59:00Z"},
        {"event_id": "r3", "event_type": "RETURN", "occurred_at": "2024-03-04T12:00:00Z", "branch_code": "HIL",
         "isbn": "9780007119318", "patron_ref": "p3", "due_at": "2024-03-04T09:00:00Z"},  # within grace
        {"event_id": "c1", "event_type": "CHECKOUT", "occurred_at": "2024-03-04T12:30:00Z", "branch_code": "HIL",
         "isbn": "9780007119318", "patron_ref": "p4", "due_at": "2024-03-25T23:59:00Z"},
        {"event_id": "r4", "event_type": "RETURN", "occurred_at": "2024-03-04T13:00:00Z", "branch_code": "ZZZ",
         "isbn": "9780007119318", "patron_ref": "p5", "due_at": "2024-03-01T09:00:00Z"},
    ])
    write_export("2024-03-05", [
        {"event_id": "r2", "event_type": "RETURN", "occurred_at": "2024-03-04T11:00:00Z", "branch_code": "CEN",
         "isbn": "9780007119318", "patron_ref": "p2", "due_at": "2024-03-01T23:59:00Z"},  # re-sent
    ])
    out = StringIO()
    call_command("circulation_stats", "returns", "--month", "2024-03", "--source", str(export_dir), stdout=out)
    assert "returns 2024-03: 2 rows saved" in out.getvalue()
    stats = {s.region: (s.returns, s.late_returns) for s in ReturnStat.objects.filter(month=date(2024, 3, 1))}
    assert stats == {"city": (2, 1), "north": (1, 0)}
    assert StatsRun.objects.get(report="returns").ok


@pytest.mark.django_db
def test_genre_report_without_exports_saves_nothing(spark, branches, export_dir):
    out = StringIO()
    call_command("circulation_stats", "genre", "--month", "2024-02", "--source", str(export_dir), stdout=out)
    assert "no loan exports" in out.getvalue()
    assert not CirculationStat.objects.exists()
    run = StatsRun.objects.get(report="genre")
    assert run.ok and run.rows == 0
