from datetime import date, datetime, timezone as dt_timezone
from io import StringIO

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.core.management import call_command

from fuel.jobs import export_daily_summary, import_pump_logs
from fuel.scheduler import build_scheduler


def test_scheduler_registers_the_nightly_jobs():
    scheduler = build_scheduler(BackgroundScheduler)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"import_pump_logs", "export_daily_summary", "purge_archived_logs"}
    assert str(jobs["import_pump_logs"].trigger) == "cron[hour='2', minute='15']"


@pytest.mark.django_db
def test_export_daily_summary(north, share, write_log):
    write_log("PUMPLOG_NORTH_20240311.csv", [
        "2024-03-11 05:12:44;P01;4127;212.40;D;RFID-00812;",
        "2024-03-11 05:19:02;P02;4130;187.60;D;RFID-00815;",
        "2024-03-11 05:21:30;P03;4130;18.00;A;RFID-00815;",
    ])
    import_pump_logs()

    target = export_daily_summary(day=date(2024, 3, 11))

    assert target.read_text().splitlines() == [
        "date;depot;fuel;litres;fills",
        "2024-03-11;NORTH;A;18.00;1",
        "2024-03-11;NORTH;D;400.00;2",
    ]
    assert not list(target.parent.glob("*.part"))


@pytest.mark.django_db
def test_fuel_report_command(north, share, write_log):
    write_log("PUMPLOG_NORTH_20240311.csv", [
        "2024-03-11 05:12:44;P01;4127;200.00;D;RFID-00812;388000",
        "2024-03-11 22:40:10;P01;4127;100.00;D;RFID-00812;388400",
    ])
    import_pump_logs()
    out = StringIO()

    call_command("fuel_report", "--from", "2024-03-11", "--to", "2024-03-11", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[1].split() == ["4127", "2", "300.00", "25.0"]
