"""Acceptance: a partner's returns file that contains barcodes matching no open
loan (the partner's own items, items lent to another library) is imported in
full: every known barcode is closed as returned, the unknown ones are reported
in the run's output and flagged through a non-zero exit status, and the script
does not crash."""
from datetime import datetime, timezone as dt_timezone

import pytest

from loans.models import Loan
from scripts.import_returns import main

UNKNOWN_1 = "37716002291473"
UNKNOWN_2 = "37716002305521"


def write_csv(tmp_path, lines, name="WPL-2024-03-18.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(argv, capsys, caplog):
    rc = main(argv)
    captured = capsys.readouterr()
    return rc, captured.out + captured.err + caplog.text


def status(loan):
    loan.refresh_from_db()
    return loan.status


@pytest.mark.django_db
def test_unknown_barcodes_are_reported_and_known_rows_all_imported(tmp_path, make_loan, capsys, caplog):
    a = make_loan("31234000418807")
    b = make_loan("31234000419235")
    c = make_loan("31234000422106")
    d = make_loan("31234000425513")
    elsewhere = make_loan(UNKNOWN_2, borrower="HPL")  # lent to another library, not to WPL
    path = write_csv(tmp_path, [
        "Item Barcode,Title,Author,Return Date,Condition,Patron Barcode",
        '31234000418807,The overstory,"Powers, Richard",2024-03-15,OK,21187000334512',
        f'{UNKNOWN_1},Demon Copperhead,"Kingsolver, Barbara",2024-03-16,OK,21187000410077',
        '31234000419235,Braiding sweetgrass,"Kimmerer, Robin Wall",2024-03-15,OK,21187000219980',
        f'{UNKNOWN_2},Lessons in chemistry,"Garmus, Bonnie",2024-03-16,,21187000410077',
        '31234000422106,Tomorrow and tomorrow and tomorrow,"Zevin, Gabrielle",2024-03-16,DMG,21187000102245',
        '31234000425513,The covenant of water,"Verghese, Abraham",03/17/2024,,21187000334512',
    ])

    rc, output = run([str(path), "--library", "WPL"], capsys, caplog)

    assert [status(x) for x in (a, b, c, d)] == [Loan.Status.RETURNED] * 4
    c.refresh_from_db()
    assert c.return_condition == Loan.Condition.DAMAGED
    d.refresh_from_db()
    assert d.returned_at.date() == datetime(2024, 3, 17, tzinfo=dt_timezone.utc).date()
    assert status(elsewhere) == Loan.Status.CHECKED_OUT
    assert UNKNOWN_1 in output
    assert UNKNOWN_2 in output
    assert rc != 0


@pytest.mark.django_db
def test_unknown_first_row_and_other_rejections_still_processed(tmp_path, make_loan, capsys, caplog):
    a = make_loan("31234000430018")
    b = make_loan("31234000430025")
    path = write_csv(tmp_path, [
        "Item Barcode,Return Date",
        f"{UNKNOWN_1},2024-03-15",
        "31234000430018,18.03.2024",
        "31234000430025,2024-03-15",
    ])

    rc, output = run([str(path), "--library", "WPL"], capsys, caplog)

    assert status(a) == Loan.Status.CHECKED_OUT  # bad date, rejected as before
    assert status(b) == Loan.Status.RETURNED
    assert UNKNOWN_1 in output
    assert "18.03.2024" in output
    assert rc != 0


@pytest.mark.django_db
def test_dry_run_reports_unknown_barcodes_without_crashing(tmp_path, make_loan, capsys, caplog):
    a = make_loan("31234000430032")
    path = write_csv(tmp_path, [
        "Item Barcode,Return Date",
        f"{UNKNOWN_1},2024-03-15",
        "31234000430032,2024-03-15",
    ])

    rc, output = run([str(path), "--library", "WPL", "--dry-run"], capsys, caplog)

    assert status(a) == Loan.Status.CHECKED_OUT
    assert UNKNOWN_1 in output
    assert rc != 0


@pytest.mark.django_db
def test_file_with_only_known_barcodes_still_exits_zero(tmp_path, make_loan, capsys, caplog):
    a = make_loan("31234000430049")
    path = write_csv(tmp_path, ["Item Barcode,Return Date", "31234000430049,2024-03-15"])

    rc, _ = run([str(path), "--library", "WPL"], capsys, caplog)

    assert rc == 0
    assert status(a) == Loan.Status.RETURNED
