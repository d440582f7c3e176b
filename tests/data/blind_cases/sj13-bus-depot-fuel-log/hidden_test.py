"""Acceptance tests: one night's pump log import failing part-way must not
block the following nights. Nothing may be left behind in the share that makes
later runs skip, and the next run (scheduled or manual) imports and archives
everything waiting in incoming/."""
from io import StringIO

import pytest
from django.core.management import call_command

from fleet.models import Bus, Depot, FuelType, Pump
from fuel.jobs import import_pump_logs
from fuel.models import FuelTransaction

HEADER = "timestamp;pump;fleet_no;litres;fuel;card;odometer"

NIGHT_10 = [
    "2024-03-10 05:02:13;P01;4127;205.10;D;RFID-00812;387420",
    "2024-03-10 23:58:10;P02;4130;177.25;D;RFID-00815;",
]
NIGHT_11_OK = [
    "2024-03-11 05:12:44;P01;4127;212.40;D;RFID-00812;388120",
    "2024-03-11 05:19:02;P02;4130;187.05;D;RFID-00815;",
    "2024-03-11 05:21:30;P03;4130;18.00;A;RFID-00815;",
]
NIGHT_12 = [
    "2024-03-12 05:08:51;P01;4201;230.00;D;RFID-00901;401200",
    "2024-03-12 05:15:37;P02;4127;198.60;D;RFID-00812;388530",
]

# Ways a night's file breaks the import part-way through.
BROKEN_NIGHT_11 = {
    "comma-decimal-litres": [NIGHT_11_OK[0], "2024-03-11 05:19:02;P02;4130;187,05;D;RFID-00815;", NIGHT_11_OK[2]],
    "garbled-timestamp": [NIGHT_11_OK[0], "2024-03-11 05:1\u00ff:02;P02;4130;187.05;D;RFID-00815;", NIGHT_11_OK[2]],
    "garbled-odometer": [NIGHT_11_OK[0], NIGHT_11_OK[1], "2024-03-11 05:21:30;P03;4130;18.00;A;RFID-00815;38x8"],
    # after a controller reboot it re-wrote the last line of the previous night into the new file
    "line-repeated-from-previous-night": [NIGHT_10[-1], *NIGHT_11_OK],
}


@pytest.fixture
def share(settings, tmp_path):
    root = tmp_path / "depot-share" / "fuel"
    (root / "incoming").mkdir(parents=True)
    settings.FUEL_LOG_ROOT = root
    settings.FUEL_EXPORT_DIR = tmp_path / "exports"
    return root


@pytest.fixture
def north(db):
    depot = Depot.objects.create(code="NORTH", name="North depot")
    Pump.objects.create(depot=depot, code="P01")
    Pump.objects.create(depot=depot, code="P02")
    Pump.objects.create(depot=depot, code="P03", fuel_type=FuelType.ADBLUE)
    for fleet_number in ("4127", "4130", "4201"):
        Bus.objects.create(fleet_number=fleet_number, depot=depot)
    return depot


def drop(share, name, lines):
    (share / "incoming" / name).write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")


def run_nightly_job_that_may_fail():
    try:
        import_pump_logs()
    except Exception:  # the failure itself is fine; what it leaves behind is not
        pass


def leftover_locks(share):
    return sorted(str(p.relative_to(share)) for p in share.rglob("*") if "lock" in p.name.lower())


def archived(share, name):
    return list((share / "archive").rglob(name))


def waiting(share):
    return sorted(p.name for p in (share / "incoming").glob("PUMPLOG_*.csv"))


def dispense_times(day):
    return sorted(tx.dispensed_at.isoformat() for tx in FuelTransaction.objects.filter(log_file__log_date=day))


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", sorted(BROKEN_NIGHT_11))
def test_failed_night_does_not_block_the_next_night(north, share, breakage):
    drop(share, "PUMPLOG_NORTH_20240310.csv", NIGHT_10)
    import_pump_logs()
    assert archived(share, "PUMPLOG_NORTH_20240310.csv")

    drop(share, "PUMPLOG_NORTH_20240311.csv", BROKEN_NIGHT_11[breakage])
    run_nightly_job_that_may_fail()

    assert leftover_locks(share) == []
    assert not FuelTransaction.objects.filter(log_file__log_date="2024-03-11").exists()

    # the depot office drops a corrected file, and the next night's file arrives
    drop(share, "PUMPLOG_NORTH_20240311.csv", NIGHT_11_OK)
    drop(share, "PUMPLOG_NORTH_20240312.csv", NIGHT_12)
    import_pump_logs()

    assert waiting(share) == []
    assert archived(share, "PUMPLOG_NORTH_20240311.csv")
    assert archived(share, "PUMPLOG_NORTH_20240312.csv")
    assert len(dispense_times("2024-03-11")) == 3
    assert len(dispense_times("2024-03-12")) == 2
    assert FuelTransaction.objects.count() == len(NIGHT_10) + len(NIGHT_11_OK) + len(NIGHT_12)
    assert leftover_locks(share) == []


@pytest.mark.django_db
def test_other_files_of_a_failed_run_are_imported_exactly_once(north, share):
    drop(share, "PUMPLOG_NORTH_20240310.csv", NIGHT_10)
    drop(share, "PUMPLOG_NORTH_20240311.csv", BROKEN_NIGHT_11["comma-decimal-litres"])
    drop(share, "PUMPLOG_NORTH_20240312.csv", NIGHT_12)
    run_nightly_job_that_may_fail()
    assert leftover_locks(share) == []

    drop(share, "PUMPLOG_NORTH_20240311.csv", NIGHT_11_OK)
    import_pump_logs()

    assert waiting(share) == []
    for name in ("PUMPLOG_NORTH_20240310.csv", "PUMPLOG_NORTH_20240311.csv", "PUMPLOG_NORTH_20240312.csv"):
        assert archived(share, name), name
    assert len(dispense_times("2024-03-10")) == 2
    assert len(dispense_times("2024-03-11")) == 3
    assert len(dispense_times("2024-03-12")) == 2
    assert FuelTransaction.objects.count() == 7


@pytest.mark.django_db
def test_manual_import_works_the_morning_after_a_failed_night(north, share):
    drop(share, "PUMPLOG_NORTH_20240311.csv", BROKEN_NIGHT_11["garbled-timestamp"])
    run_nightly_job_that_may_fail()

    drop(share, "PUMPLOG_NORTH_20240311.csv", NIGHT_11_OK)
    out = StringIO()
    call_command("import_fuel_logs", stdout=out, stderr=StringIO())

    assert waiting(share) == []
    assert len(dispense_times("2024-03-11")) == 3
    assert leftover_locks(share) == []


@pytest.mark.django_db
def test_two_failed_nights_in_a_row_then_recovery(north, share):
    drop(share, "PUMPLOG_NORTH_20240311.csv", BROKEN_NIGHT_11["comma-decimal-litres"])
    run_nightly_job_that_may_fail()
    drop(share, "PUMPLOG_NORTH_20240311.csv", BROKEN_NIGHT_11["garbled-odometer"])
    run_nightly_job_that_may_fail()
    assert leftover_locks(share) == []

    drop(share, "PUMPLOG_NORTH_20240311.csv", NIGHT_11_OK)
    drop(share, "PUMPLOG_NORTH_20240312.csv", NIGHT_12)
    import_pump_logs()

    assert waiting(share) == []
    assert FuelTransaction.objects.count() == len(NIGHT_11_OK) + len(NIGHT_12)
