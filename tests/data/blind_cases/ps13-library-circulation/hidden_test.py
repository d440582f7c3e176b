"""Acceptance tests: the monthly genre circulation report (`manage.py circulation_stats genre`)
runs on a month of loan exports and saves loans per branch and catalogue genre."""
import csv
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from catalog.models import Branch, Title
from circulation.models import CirculationStat, StatsRun

COLUMNS = ["event_id", "event_type", "occurred_at", "branch_code", "item_barcode", "isbn", "patron_ref", "due_at"]

PRIDE = "9780141439518"      # romance
ORIENT = "9780007119318"     # crime
POTTER = "9781408855652"     # children
UNSORTED = "9780306406157"   # in the catalogue, not classified yet
NOT_HELD = "9780575094185"   # not in our catalogue (inter-library loan)


def write(directory, day, rows):
    with (directory / f"loans-{day}.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for n, (event_type, when, branch, isbn, patron) in enumerate(rows):
            writer.writerow([f"{day}-{n}", event_type, when, branch, f"3000{n:06d}", isbn, patron,
                             "2024-04-20T23:59:00Z"])


@pytest.fixture
def catalogue(db):
    Branch.objects.create(code="CEN", name="Central Library", region="city")
    Branch.objects.create(code="HIL", name="Hillside", region="north")
    Title.objects.create(isbn=PRIDE, title="Pride and Prejudice", genre="romance")
    Title.objects.create(isbn=ORIENT, title="Murder on the Orient Express", genre="crime")
    Title.objects.create(isbn=POTTER, title="Harry Potter and the Philosopher's Stone", genre="children")
    Title.objects.create(isbn=UNSORTED, title="Donation box 14", genre="")


@pytest.fixture
def march_exports(tmp_path):
    directory = tmp_path / "exports"
    directory.mkdir()
    write(directory, "2024-02-29", [
        ("CHECKOUT", "2024-02-29T16:00:00Z", "CEN", PRIDE, "p9"),       # February, not counted
    ])
    write(directory, "2024-03-02", [
        ("CHECKOUT", "2024-03-02T09:10:00Z", "CEN", PRIDE, "p1"),
        ("CHECKOUT", "2024-03-02T09:40:00Z", "CEN", "0-14-143951-3", "p2"),   # ISBN-10 of PRIDE
        ("CHECKOUT", "2024-03-02T10:05:00Z", "CEN", ORIENT, "p1"),
        ("CHECKOUT", "2024-03-02T11:00:00Z", "HIL", POTTER, "p3"),
        ("RETURN", "2024-03-02T11:30:00Z", "HIL", ORIENT, "p4"),
    ])
    write(directory, "2024-03-16", [
        ("RENEW", "2024-03-16T08:00:00Z", "CEN", PRIDE, "p1"),
        ("CHECKOUT", "2024-03-16T12:00:00Z", "CEN", PRIDE, "p1"),
        ("CHECKOUT", "2024-03-16T12:20:00Z", "HIL", POTTER, "p5"),
        ("CHECKOUT", "2024-03-16T12:45:00Z", "HIL", NOT_HELD, "p5"),
        ("CHECKOUT", "2024-03-16T13:00:00Z", "HIL", UNSORTED, "p6"),
        ("RENEW", "2024-03-16T14:00:00Z", "HIL", "not-an-isbn", "p7"),
    ])
    return directory


def saved_stats(month):
    return {
        (s.branch.code, s.genre): (s.checkouts, s.renewals, s.borrowers)
        for s in CirculationStat.objects.filter(month=month).select_related("branch")
    }


@pytest.mark.django_db
def test_genre_report_counts_loans_per_branch_and_genre(spark, catalogue, march_exports):
    out = StringIO()
    call_command("circulation_stats", "genre", "--month", "2024-03", "--source", str(march_exports), stdout=out)

    assert saved_stats(date(2024, 3, 1)) == {
        ("CEN", "romance"): (3, 1, 2),
        ("CEN", "crime"): (1, 0, 1),
        ("HIL", "children"): (2, 0, 2),
        ("HIL", "unclassified"): (2, 1, 2),
    }
    assert "genre 2024-03: 4 rows saved" in out.getvalue()
    run = StatsRun.objects.get(report="genre")
    assert run.ok and run.rows == 4


@pytest.mark.django_db
def test_genre_report_follows_catalogue_changes(spark, catalogue, march_exports):
    call_command("circulation_stats", "genre", "--month", "2024-03", "--source", str(march_exports),
                 stdout=StringIO())
    # The cataloguers classify the donated title and add the inter-library loan; the report is re-run.
    Title.objects.filter(isbn=UNSORTED).update(genre="science")
    Title.objects.create(isbn=NOT_HELD, title="Dune", genre="scifi_fantasy")
    call_command("circulation_stats", "genre", "--month", "2024-03", "--source", str(march_exports),
                 stdout=StringIO())

    stats = saved_stats(date(2024, 3, 1))
    assert stats[("HIL", "science")] == (1, 0, 1)
    assert stats[("HIL", "scifi_fantasy")] == (1, 0, 1)
    assert stats[("HIL", "unclassified")] == (0, 1, 0)
    assert stats[("CEN", "romance")] == (3, 1, 2)
