"""What the pantry commands must do (copied into the fixture project by tests/test_cmd_rules.py, never seen
by rootfix): each test runs a real command with call_command and fails on the planted bug."""
from datetime import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stock.models import Agency, AlertLog, Donation, Item


@pytest.fixture
def catalogue(db):
    Item.objects.create(sku="RICE-1", name="Rice 1kg", expires_on=timezone.localdate())
    Agency.objects.create(name="Northside Shelter", email="north@example.org")


def test_cmd102_notify_false_sends_no_email(catalogue):
    call_command("send_expiry_alerts", "--notify", "false", stdout=StringIO())
    assert AlertLog.objects.count() == 1
    assert mail.outbox == []


def test_cmd301_failed_import_leaves_nothing_behind(catalogue, tmp_path):
    csv_file = tmp_path / "desk.csv"
    csv_file.write_text("sku,donor,quantity,received_at\n"
                        "RICE-1,St Mary's,12,2024-05-03T10:15:00\n"
                        "NOPE,Lidl Nord,40,2024-05-03T11:00:00\n", encoding="utf-8")
    with pytest.raises(Exception):
        call_command("import_donations", str(csv_file), stdout=StringIO())
    # the desk fixes the file and re-runs the import: no donation may be counted twice
    assert Donation.objects.count() == 0


def test_cmd501_last_day_is_included(catalogue):
    rice = Item.objects.get(sku="RICE-1")
    Donation.objects.create(item=rice, donor="late", quantity=7,
                            received_at=timezone.make_aware(datetime(2024, 5, 31, 23, 59)))
    Donation.objects.create(item=rice, donor="mid", quantity=5,
                            received_at=timezone.make_aware(datetime(2024, 5, 31, 9, 0)))
    out = StringIO()
    call_command("donation_report", "--since", "2024-05-01", "--until", "2024-05-31", stdout=out)
    assert out.getvalue() == "RICE-1,12\n"


def test_cmd103_purge_can_run_for_real(catalogue):
    call_command("send_expiry_alerts", "--notify", "true", stdout=StringIO())
    call_command("purge_alert_log", "--days", "0", "--no-dry-run", stdout=StringIO())
    assert AlertLog.objects.count() == 0
