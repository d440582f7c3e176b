from io import StringIO

import pytest
from django.core.management import call_command

from fleet.models import FuelCard


def write_csv(tmp_path, text):
    path = tmp_path / "cards.csv"
    path.write_text(text)
    return str(path)


@pytest.mark.django_db
def test_import_fuel_cards_issues_moves_and_cancels(tmp_path, make_vehicle, make_card):
    van_a = make_vehicle("VN-0911")
    van_b = make_vehicle("VN-0912")
    make_card("7077 0911 0000 0001", van_a)
    make_card("7077 0911 0000 0002", van_a)
    path = write_csv(tmp_path, (
        "card_number,vehicle_reference,status,expiry\n"
        "7077 0911 0000 0001,VN-0912,ACTIVE,09/27\n"
        "7077 0911 0000 0002,VN-0911,STOLEN,09/27\n"
        "7077 0911 0000 0003,vn-0911,ACTIVE,03/28\n"
        "7077 0911 0000 0004,VN-9999,ACTIVE,03/28\n"
    ))
    out, err = StringIO(), StringIO()

    call_command("import_fuel_cards", path, stdout=out, stderr=err)

    assert "issued=1, moved=1, cancelled=1, unchanged=0, errors=1" in out.getvalue()
    assert "line 5" in err.getvalue()
    assert FuelCard.objects.get(number="7077091100000001").vehicle == van_b
    assert FuelCard.objects.get(number="7077091100000002").active is False
    assert FuelCard.objects.get(number="7077091100000003").vehicle == van_a


@pytest.mark.django_db
def test_import_dry_run_writes_nothing(tmp_path, make_vehicle):
    make_vehicle("VN-0921")
    path = write_csv(tmp_path, "card_number,vehicle_reference,status,expiry\n7077 0921 0000 0001,VN-0921,ACTIVE,\n")

    call_command("import_fuel_cards", path, "--dry-run", stdout=StringIO())

    assert not FuelCard.objects.exists()


def test_run_scheduler_registers_every_job(monkeypatch):
    from apscheduler.schedulers.blocking import BlockingScheduler

    started = []
    monkeypatch.setattr(BlockingScheduler, "start", lambda self, *a, **kw: started.append(self))
    monkeypatch.setattr("signal.signal", lambda *a: None)
    out = StringIO()

    call_command("run_scheduler", stdout=out)

    scheduler = started[0]
    assert sorted(job.id for job in scheduler.get_jobs()) == [
        "fuel-anomalies", "fuel-depot-summary", "fuel-rebook-unknown", "fuel-sync"]
    assert "scheduled fuel-sync: interval[0:10:00]" in out.getvalue()


@pytest.mark.django_db
def test_run_job_command(make_vehicle):
    out = StringIO()
    call_command("run_job", "fuel-anomalies", stdout=out)
    assert out.getvalue().strip() == "fuel-anomalies: 0"
