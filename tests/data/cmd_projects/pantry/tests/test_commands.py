from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stock.models import Agency, AlertLog, Donation, Item, Shift


@pytest.fixture
def catalogue(db):
    Item.objects.create(sku="RICE-1", name="Rice 1kg", expires_on=timezone.localdate())
    Item.objects.create(sku="BEANS", name="Beans tin", expires_on=None)
    Agency.objects.create(name="Northside Shelter", email="north@example.org")


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_send_expiry_alerts_emails_agencies(catalogue):
    output = run("send_expiry_alerts")
    assert "1 item(s) expiring, 1 agency email(s) sent" in output
    assert len(mail.outbox) == 1 and AlertLog.objects.count() == 1


def test_close_out_day_without_notify(catalogue):
    run("close_out_day", "--no-notify")
    assert mail.outbox == [] and AlertLog.objects.count() == 1


def test_import_donations(catalogue, tmp_path):
    csv_file = tmp_path / "desk.csv"
    csv_file.write_text("sku,donor,quantity,received_at\n"
                        "RICE-1,St Mary's,12,2024-05-03T10:15:00\n"
                        "BEANS,Lidl Nord,40,2024-05-03T11:00:00\n", encoding="utf-8")
    assert "imported 2 donation(s)" in run("import_donations", str(csv_file))
    assert Donation.objects.count() == 2


def test_import_items(db, tmp_path):
    csv_file = tmp_path / "items.csv"
    csv_file.write_text("sku,name,expires_on\nOATS,Oats 500g,2024-09-01\nSALT,Salt,\n", encoding="utf-8")
    run("import_items", str(csv_file))
    assert Item.objects.get(sku="SALT").expires_on is None


def test_donation_report(catalogue):
    rice = Item.objects.get(sku="RICE-1")
    at = timezone.make_aware(datetime(2024, 5, 14, 10, 0))
    Donation.objects.create(item=rice, donor="a", quantity=5, received_at=at)
    assert run("donation_report", "--since", "2024-05-01", "--until", "2024-05-31") == "RICE-1,5\n"


def test_volunteer_hours(db):
    Shift.objects.create(volunteer="Ana", started_at=timezone.make_aware(datetime(2024, 5, 31, 18, 0)), hours=3)
    assert run("volunteer_hours", "--since", "2024-05-01", "--until", "2024-05-31") .startswith("Ana,3")


def test_purge_alert_log_is_a_dry_run_by_default(catalogue):
    run("send_expiry_alerts")
    assert "would delete 1 alert(s)" in run("purge_alert_log", "--days", "0", "--dry-run")
    assert AlertLog.objects.count() == 1


def test_load_agencies(db, tmp_path):
    path = tmp_path / "agencies.json"
    path.write_text('{"agencies": [{"name": "Eastside Kitchen", "email": "east@example.org"}]}', encoding="utf-8")
    assert "loaded 1 agencies" in run("load_agencies", str(path))
    assert Agency.objects.filter(name="Eastside Kitchen").exists()
