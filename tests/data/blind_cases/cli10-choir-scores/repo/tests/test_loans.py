from datetime import date, datetime, timezone as dt_timezone
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from library.loans import loan_sheet_rows
from library.models import Loan, PartCopy
from tools.choirlib import app

runner = CliRunner()


def test_issue_parts_command(concert, singers):
    out = StringIO()
    call_command("issue_parts", "spring-2024", "--due", "2024-06-29", stdout=out, stderr=StringIO())

    # every singer: their voice part of the Dvořák + the Fauré vocal score
    assert Loan.objects.count() == 10
    assert "issued 10 part(s)" in out.getvalue()
    assert set(Loan.objects.filter(singer=singers["siobhan"]).values_list("copy__part__label", flat=True)) == \
        {"Alto", "Vocal score"}


def test_issue_parts_twice_does_not_lend_twice(concert, singers):
    err = StringIO()
    call_command("issue_parts", "spring-2024", "--voice", "S", stdout=StringIO(), stderr=err)
    call_command("issue_parts", "spring-2024", "--voice", "S", stdout=StringIO(), stderr=err)
    assert Loan.objects.filter(singer__voice="S").count() == 4
    assert err.getvalue() == ""


def test_issue_parts_reports_shortage(concert, singers):
    PartCopy.objects.filter(part__label="Soprano", number__gte=2).update(condition=PartCopy.Condition.LOST)
    err = StringIO()
    out = StringIO()
    call_command("issue_parts", "spring-2024", "--voice", "S", stdout=out, stderr=err)

    # one usable soprano copy for two sopranos
    assert "no free copy of D-014 Soprano for Zoë Ferguson" in err.getvalue()
    assert "issued 3 part(s)" in out.getvalue() and "1 short" in out.getvalue()


def test_issue_parts_dry_run(concert, singers):
    out = StringIO()
    call_command("issue_parts", "spring-2024", "--dry-run", stdout=out, stderr=StringIO())
    assert "would issue 10" in out.getvalue()
    assert Loan.objects.count() == 0


def test_loan_sheet_rows_order(lent, concert):
    rows = list(loan_sheet_rows(concert))

    assert [r[0] for r in rows] == ["Soprano"] * 4 + ["Alto"] * 2 + ["Tenor"] * 2 + ["Bass"] * 2
    assert rows[0][:6] == ["Soprano", "Ana Müller", "D-014", "Stabat Mater", "Antonín Dvořák", "Soprano"]
    assert rows[0][7:] == ["2024-03-01", "2024-06-29", ""]


def test_loan_sheet_leaves_out_returned(lent, concert):
    Loan.objects.filter(singer__name="Ewan Reid").update(returned_at=datetime(2024, 3, 8, tzinfo=dt_timezone.utc))
    assert all(r[1] != "Ewan Reid" for r in loan_sheet_rows(concert))


def test_overdue_lists_late_loans(lent):
    Loan.objects.filter(singer__name="Tomáš Novák").update(due_on=date(2024, 7, 1))
    with mock.patch("django.utils.timezone.localdate", return_value=date(2024, 7, 3)):
        result = runner.invoke(app, ["overdue", "--voice", "t"])

    assert result.exit_code == 0, result.output
    assert "Tomáš Novák" in result.output
    assert "2 overdue loan(s)" in result.output


def test_overdue_unknown_voice(db):
    result = runner.invoke(app, ["overdue", "--voice", "X"])
    assert result.exit_code == 2
