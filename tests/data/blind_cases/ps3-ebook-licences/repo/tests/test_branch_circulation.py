from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from lending.jobs.events import load_loan_events
from reports.jobs.branch_circulation import branch_circulation
from reports.models import BranchCirculationDay

DAY = date(2026, 11, 3)


def test_branch_circulation_counts(spark, events_path):
    rows = {(r.branch_code, r.format): r for r in branch_circulation(load_loan_events(spark, events_path), DAY).collect()}
    assert rows[("CEN", "ebook")].checkouts == 1
    assert rows[("EAS", "ebook")].checkouts == 1  # the re-sent event counts once
    assert rows[("CEN", "audiobook")].renewals == 1
    assert rows[("CEN", "audiobook")].patrons == 2
    assert rows[("WEB", "ebook")].checkouts == 1


@pytest.mark.django_db(transaction=True)
def test_command_writes_branch_circulation(spark, lake):
    out = StringIO()
    call_command("run_lending_jobs", "--date", "2026-11-03", "--lake", str(lake), "--only", "circulation", stdout=out)
    assert "branch circulation 2026-11-03: 4 rows" in out.getvalue()
    assert BranchCirculationDay.objects.filter(day=DAY).count() == 4
    assert BranchCirculationDay.objects.get(day=DAY, branch_code="CEN", format="ebook").checkouts == 1
