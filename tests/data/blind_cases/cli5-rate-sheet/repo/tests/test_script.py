from decimal import Decimal

import pytest

from rates.models import NightlyRate
from scripts.import_rates import main


@pytest.mark.django_db
def test_script_imports_sheet(hostel, write_sheet, capsys):
    path = write_sheet("room_type,night,amount\nDBL,2024-08-01,140\nDBL,2024-08-02,145\n")

    assert main(["--property", "lis1", str(path)]) == 0

    assert "LIS1: 2 line(s) for 2024-08-01..2024-08-02: 2 new rate(s)" in capsys.readouterr().out
    assert list(NightlyRate.objects.values_list("amount", flat=True)) == [Decimal("140.00"), Decimal("145.00")]


@pytest.mark.django_db
def test_script_dry_run(hostel, write_sheet, capsys):
    path = write_sheet("room_type,night,amount\nDBL,2024-08-01,140\n")
    assert main(["--property", "LIS1", "--dry-run", str(path)]) == 0
    assert "[dry run] 1 line(s) valid" in capsys.readouterr().out
    assert not NightlyRate.objects.exists()


@pytest.mark.django_db
def test_script_reports_rejected_sheet(hostel, write_sheet, capsys):
    path = write_sheet("room_type,night,amount\nXL,2024-08-01,140\n", name="bad.csv")
    assert main(["--property", "LIS1", str(path)]) == 1
    assert "bad.csv rejected, line 2: unknown room type 'XL'" in capsys.readouterr().err


@pytest.mark.django_db
def test_script_unknown_property(hostel, write_sheet, capsys):
    path = write_sheet("room_type,night,amount\n")
    assert main(["--property", "OPO9", str(path)]) == 2
    assert "unknown or inactive property" in capsys.readouterr().err
