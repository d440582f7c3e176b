"""Acceptance tests: a rate sheet is applied all-or-nothing. When a line is rejected, the import reports it and
no rate (and no audit entry) from that sheet is written, whether the sheet comes through
scripts/import_rates.py or through a back-office upload."""
from datetime import date
from decimal import Decimal

import pytest

from rates.models import NightlyRate, RateChange, RateImportBatch, RateSheetUpload
from rates.tasks import import_uploaded_sheet
from scripts.import_rates import main

BAD_SHEET = """room_type,night,amount,min_stay,closed
DBL,2024-07-01,128.00,2,
DBL,2024-07-02,128.00,2,
DBL,2024-07-03,135.00,3,
TWN,2024-07-01,110.00,,
TWN,2024-07-02,110.00,,
DORM6,2024-07-01,34.00,,
DORM6,2024-07-02,12.00,,
DORM6,2024-07-03,34.00,,
"""


@pytest.fixture
def current_rates(hostel, room):
    for code, amount in (("DBL", "118.00"), ("TWN", "99.00"), ("DORM6", "29.00")):
        for day in (1, 2):
            NightlyRate.objects.create(room_type=room(code), night=date(2024, 7, day), amount=Decimal(amount))
    return snapshot()


def snapshot():
    return sorted(
        (r.room_type.code, r.night, r.amount, r.min_stay, r.closed)
        for r in NightlyRate.objects.select_related("room_type")
    )


def run_script(argv):
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def assert_nothing_applied(before):
    assert snapshot() == before, "rates from the rejected sheet were written"
    assert RateChange.objects.count() == 0
    assert not RateImportBatch.objects.filter(status=RateImportBatch.Status.DONE).exists()


@pytest.mark.django_db
def test_rejected_sheet_changes_no_rate(current_rates, write_sheet, capsys):
    path = write_sheet(BAD_SHEET, name="lis1_july.csv")

    rc = run_script(["--property", "LIS1", str(path)])

    assert rc not in (0, None)
    assert "line 8" in capsys.readouterr().err
    assert_nothing_applied(current_rates)


@pytest.mark.django_db
def test_unknown_room_type_late_in_sheet_changes_no_rate(current_rates, write_sheet, capsys):
    sheet = "room_type,night,amount\n" + "".join(f"DBL,2024-07-{d:02d},150\n" for d in range(1, 11)) + "SUITE,2024-07-01,300\n"
    path = write_sheet(sheet)

    rc = run_script(["--property", "LIS1", str(path)])

    assert rc not in (0, None)
    err = capsys.readouterr().err
    assert "line 12" in err and "SUITE" in err
    assert_nothing_applied(current_rates)


@pytest.mark.django_db
def test_rejected_upload_changes_no_rate(current_rates, hostel):
    upload = RateSheetUpload.objects.create(property=hostel, file_name="lis1_july.csv", uploaded_by="rita",
                                            content=BAD_SHEET)

    import_uploaded_sheet(upload.pk)

    upload.refresh_from_db()
    assert upload.status == RateSheetUpload.Status.FAILED
    assert "line 8" in upload.error
    assert_nothing_applied(current_rates)


@pytest.mark.django_db
def test_corrected_sheet_imports_fully_after_a_rejection(current_rates, write_sheet, capsys):
    path = write_sheet(BAD_SHEET)
    run_script(["--property", "LIS1", str(path)])

    fixed = write_sheet(BAD_SHEET.replace("DORM6,2024-07-02,12.00", "DORM6,2024-07-02,32.00"), name="fixed.csv")
    assert run_script(["--property", "LIS1", str(fixed)]) == 0

    rates = {(code, night.day): (amount, min_stay) for code, night, amount, min_stay, _ in snapshot()}
    assert rates[("DBL", 1)] == (Decimal("128.00"), 2)
    assert rates[("DBL", 3)] == (Decimal("135.00"), 3)
    assert rates[("DORM6", 2)] == (Decimal("32.00"), 1)
    assert len(rates) == 8
    done = RateImportBatch.objects.get(status=RateImportBatch.Status.DONE)
    assert (done.rows, done.created, done.changed) == (8, 2, 6)
    assert RateChange.objects.filter(batch=done).count() == 8
