import io

import pytest
from django.core.management import CommandError, call_command

from messaging.models import OutboundMessage
from pharmacy.models import Patient, Prescription

pytestmark = pytest.mark.django_db

CSV = """store_code,first_name,last_name,mobile,sms_opt_in,rx_number,drug_name,days_supply,refills_remaining,last_filled_on,status
LS01,Ana,Ruiz,312-555-0142,yes,6200001,Lisinopril 10 mg tablet,30,5,2024-04-01,active
LS01,Ana,Ruiz,312-555-0142,yes,6200002,Metformin 500 mg tablet,90,1,2024-03-15,active
LS01,Tom,Berg,,no,6200003,Amoxicillin 500 mg capsule,10,0,2024-04-20,expired
"""


def test_import_is_repeatable(store, tmp_path):
    extract = tmp_path / "extract.csv"
    extract.write_text(CSV, encoding="utf-8")

    call_command("import_prescriptions", str(extract), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_prescriptions", str(extract), stdout=out)

    assert "0 created, 3 updated" in out.getvalue()
    assert Patient.objects.count() == 2
    rx = Prescription.objects.get(rx_number="6200002")
    assert str(rx.refill_due_on) == "2024-06-13"


def test_import_rejects_unknown_store(store, tmp_path):
    extract = tmp_path / "extract.csv"
    extract.write_text(CSV.replace("LS01,Tom", "ZZ99,Tom"), encoding="utf-8")

    with pytest.raises(CommandError, match="unknown store 'ZZ99'"):
        call_command("import_prescriptions", str(extract))
    assert not Prescription.objects.exists()


def test_send_refill_reminders_dry_run_sends_nothing(make_rx):
    rx = make_rx(due_in_days=1)
    out = io.StringIO()

    call_command("send_refill_reminders", "--dry-run", stdout=out)

    assert rx.rx_number in out.getvalue()
    assert "1 prescription(s) due" in out.getvalue()
    assert not OutboundMessage.objects.exists()


def test_send_refill_reminders_rejects_bad_date(db):
    with pytest.raises(CommandError, match="--date"):
        call_command("send_refill_reminders", "--date", "02/05/2024")
