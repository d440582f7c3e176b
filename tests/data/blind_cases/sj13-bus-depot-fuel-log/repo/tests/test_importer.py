from decimal import Decimal

import pytest

from fuel.importer import LogFormatError, PumpLogImporter, parse_line
from fuel.jobs import import_pump_logs
from fuel.models import FuelLogFile, FuelTransaction


def test_parse_line():
    record = parse_line("2024-03-11 05:12:44;P01;4127;212.40;D;RFID-00812;388120", 2)
    assert record.pump_code == "P01"
    assert record.litres == Decimal("212.40")
    assert record.odometer_km == 388120
    assert record.dispensed_at.isoformat() == "2024-03-11T05:12:44+01:00"


def test_parse_line_rejects_short_line():
    with pytest.raises(LogFormatError):
        parse_line("2024-03-11 05:12:44;P01;4127;212.40", 7)


@pytest.mark.django_db
def test_nightly_import_and_archive(north, share, write_log):
    write_log("PUMPLOG_NORTH_20240311.csv", [
        "2024-03-11 05:12:44;P01;4127;212.40;D;RFID-00812;388120",
        "2024-03-11 05:19:02;P02;4130;187.05;D;RFID-00815;",
        "2024-03-11 05:21:30;P03;4130;18.00;A;RFID-00815;",
        "2024-03-11 05:40:11;P01;9999;40.00;D;RFID-00001;",
    ])

    result = import_pump_logs()

    assert result.imported == ["PUMPLOG_NORTH_20240311.csv"]
    assert FuelTransaction.objects.count() == 4
    log_file = FuelLogFile.objects.get()
    assert (log_file.line_count, log_file.unmatched_buses) == (4, 1)
    assert not list((share / "incoming").glob("*.csv"))
    assert (share / "archive" / "2024" / "03" / "PUMPLOG_NORTH_20240311.csv").exists()


@pytest.mark.django_db
def test_same_file_dropped_twice_is_not_imported_twice(north, share, write_log):
    lines = ["2024-03-12 05:12:44;P01;4127;201.10;D;RFID-00812;388710"]
    write_log("PUMPLOG_NORTH_20240312.csv", lines)
    import_pump_logs()
    write_log("PUMPLOG_NORTH_20240312.csv", lines)  # controller re-sent it

    result = import_pump_logs()

    assert result.duplicates == ["PUMPLOG_NORTH_20240312.csv"]
    assert FuelTransaction.objects.count() == 1
    assert len(list((share / "archive").rglob("PUMPLOG_NORTH_20240312*.csv"))) == 2


@pytest.mark.django_db
def test_file_with_unknown_pump_goes_to_rejected(north, share, write_log):
    write_log("PUMPLOG_NORTH_20240313.csv", ["2024-03-13 05:12:44;P09;4127;201.10;D;RFID-00812;"])
    write_log("PUMPLOG_NORTH_20240314.csv", ["2024-03-14 05:12:44;P01;4127;199.00;D;RFID-00812;"])

    result = import_pump_logs()

    assert result.rejected == ["PUMPLOG_NORTH_20240313.csv"]
    assert result.imported == ["PUMPLOG_NORTH_20240314.csv"]
    assert (share / "rejected" / "PUMPLOG_NORTH_20240313.csv").exists()
    assert FuelTransaction.objects.count() == 1


@pytest.mark.django_db
def test_import_skips_while_other_server_holds_the_lock(north, share, write_log):
    write_log("PUMPLOG_NORTH_20240315.csv", ["2024-03-15 05:12:44;P01;4127;190.00;D;RFID-00812;"])
    importer = PumpLogImporter.from_settings()
    assert importer._acquire_lock()

    assert import_pump_logs() is None
    assert FuelTransaction.objects.count() == 0

    importer._release_lock()
    assert import_pump_logs().imported == ["PUMPLOG_NORTH_20240315.csv"]
