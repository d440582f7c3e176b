import io
from datetime import date
from decimal import Decimal

import pytest

from rates.importers import RateSheetError, RateSheetImporter, import_sheet
from rates.models import NightlyRate, RateChange, RateImportBatch

SHEET = """room_type,night,amount,min_stay,closed
DBL,2024-07-01,118.00,2,
DBL,2024-07-02,118.00,2,
dorm6,2024-07-01,31.5,,no
TWN,2024-07-01,104.00,1,yes
"""


@pytest.mark.django_db
def test_import_creates_rates_and_audit_rows(hostel):
    result = import_sheet(hostel, io.StringIO(SHEET), source="summer.csv")

    assert (result.rows, result.created, result.changed) == (4, 4, 0)
    assert NightlyRate.objects.count() == 4
    dorm = NightlyRate.objects.get(room_type__code="DORM6", night=date(2024, 7, 1))
    assert dorm.amount == Decimal("31.50") and dorm.min_stay == 1 and not dorm.closed
    assert NightlyRate.objects.get(room_type__code="TWN").closed
    batch = RateImportBatch.objects.get()
    assert batch.status == RateImportBatch.Status.DONE and batch.created == 4
    assert RateChange.objects.filter(batch=batch).count() == 4


@pytest.mark.django_db
def test_reimport_changes_only_what_differs(hostel, room):
    import_sheet(hostel, io.StringIO(SHEET))
    result = import_sheet(hostel, io.StringIO("room_type,night,amount\nDBL,2024-07-01,125\nDBL,2024-07-03,99\n"))

    assert (result.created, result.changed, result.unchanged) == (1, 1, 0)
    change = RateChange.objects.get(rate__night=date(2024, 7, 1), rate__room_type=room("DBL"),
                                    batch_id=result.batch_id)
    assert change.old_amount == Decimal("118.00") and change.new_amount == Decimal("125.00")


@pytest.mark.django_db
def test_identical_line_is_left_alone(hostel):
    import_sheet(hostel, io.StringIO(SHEET))
    result = import_sheet(hostel, io.StringIO("room_type,night,amount,min_stay\nDBL,2024-07-01,118.00,2\n"))
    assert (result.changed, result.unchanged) == (0, 1)


@pytest.mark.django_db
def test_dry_run_validates_without_writing(hostel):
    result = RateSheetImporter(hostel, dry_run=True).run(io.StringIO(SHEET))
    assert result.rows == 4
    assert "nothing written" in result.summary()
    assert not NightlyRate.objects.exists() and not RateImportBatch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("line, message", [
    ("SUITE,2024-07-01,300", "unknown room type 'SUITE'"),
    ("DBL,01/07/2024,118", "night must be YYYY-MM-DD"),
    ('DBL,2024-07-01,"118,50"', "amount is not a number"),
    ("DBL,2024-07-01,40.00", "outside 60.00..250.00"),
    ("DBL,2024-07-01,118.00,0", "min_stay must be between 1 and 30"),
    ("DBL,2024-07-01,118.00,2,maybe", "closed must be yes/no"),
])
def test_bad_lines_are_reported_with_line_number(hostel, line, message):
    importer = RateSheetImporter(hostel, dry_run=True)
    with pytest.raises(RateSheetError) as exc:
        importer.run(io.StringIO(f"room_type,night,amount,min_stay,closed\n{line}\n"))
    assert exc.value.line == 2
    assert message in str(exc.value)


@pytest.mark.django_db
def test_missing_column(hostel):
    with pytest.raises(RateSheetError, match="missing column"):
        import_sheet(hostel, io.StringIO("room_type,amount\nDBL,100\n"))
