from datetime import datetime, timezone as dt_timezone

import pytest

from loans.models import Loan
from scripts.import_returns import main


def write_csv(tmp_path, lines, name="WPL-2024-03-18.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_closes_listed_loans(tmp_path, make_loan, capsys):
    a = make_loan("31234000000301")
    b = make_loan("31234000000318")
    untouched = make_loan("31234000000325")
    path = write_csv(tmp_path, [
        "Item Barcode,Title,Return Date,Condition",
        "31234000000301,Some book,2024-03-15,OK",
        "31234000000318,Other book,03/16/2024,DMG",
        ",,,",
    ])

    assert main([str(path), "--library", "wpl"]) == 0

    a.refresh_from_db()
    b.refresh_from_db()
    untouched.refresh_from_db()
    assert a.status == b.status == Loan.Status.RETURNED
    assert a.returned_at == datetime(2024, 3, 15, 17, 0, tzinfo=dt_timezone.utc)
    assert b.return_condition == Loan.Condition.DAMAGED
    assert untouched.status == Loan.Status.CHECKED_OUT
    out = capsys.readouterr().out
    assert "returned: 2 (1 not in good condition)" in out


@pytest.mark.django_db
def test_bad_dates_are_rejected_and_rest_imported(tmp_path, make_loan, capsys):
    a = make_loan("31234000000332")
    b = make_loan("31234000000349")
    path = write_csv(tmp_path, [
        "Item Barcode,Return Date",
        "31234000000332,15.03.2024",
        "31234000000349,2024-03-15",
    ])

    assert main([str(path), "--library", "WPL"]) == 1

    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == Loan.Status.CHECKED_OUT
    assert b.status == Loan.Status.RETURNED
    assert "line 2: bad return date '15.03.2024'" in capsys.readouterr().out


@pytest.mark.django_db
def test_dry_run_changes_nothing(tmp_path, make_loan):
    loan = make_loan("31234000000356")
    path = write_csv(tmp_path, ["Barcode,Returned", "31234000000356,2024-03-15"])
    assert main([str(path), "--library", "WPL", "--dry-run"]) == 0
    loan.refresh_from_db()
    assert loan.status == Loan.Status.CHECKED_OUT


@pytest.mark.django_db
def test_usage_errors(tmp_path, libraries, capsys):
    path = write_csv(tmp_path, ["Barcode,Title", "31234000000363,Some book"])
    assert main([str(path), "--library", "XYZ"]) == 2
    assert main([str(path), "--library", "WPL"]) == 2
    assert "no 'return date' column" in capsys.readouterr().err
