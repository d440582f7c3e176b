"""Acceptance tests: the owner's "results are ready" notice is handed to the notification worker only once the
lab results it reports on are committed, because the worker runs in another process and can only see committed
rows. If the results are rolled back, no notice is queued at all."""
import hashlib
import hmac
import json
from datetime import date

import pytest
from django.db import connection

from clinics.models import Clinic, Owner, Pet
from labs import tasks as lab_tasks
from labs.client import MemoryLabClient
from labs.models import Lab, LabOrder, OwnerNotification
from labs.parsing import LabReportError, parse_report
from labs.services import ingest_lab_report, poll_lab

pytestmark = pytest.mark.django_db(transaction=True)


def report(accession, pims_id="P-20881", status="final"):
    return {
        "accession": accession,
        "status": status,
        "reported_at": "2024-03-11T06:02:00-05:00",
        "account": "PPE02",
        "patient": {"id": pims_id, "name": "Mochi"},
        "panel": {"code": "SDMA", "name": "Renal profile with SDMA"},
        "results": [
            {"code": "SDMA", "name": "SDMA", "value": "19", "unit": "ug/dL", "range": "0-14", "flag": "H"},
            {"code": "CREA", "name": "Creatinine", "value": "1.9", "unit": "mg/dL", "range": "0.8-2.4"},
        ],
    }


@pytest.fixture
def pet():
    clinic = Clinic.objects.create(code="PPE02", name="Prairie Paws Eastgate", phone="612-555-0190",
                                   email="eastgate@prairiepaws.example")
    owner = Owner.objects.create(first_name="Ines", last_name="Marchetti", email="ines.m@example.com")
    return Pet.objects.create(owner=owner, clinic=clinic, pims_id="P-20881", name="Mochi",
                              species=Pet.Species.FELINE, date_of_birth=date(2012, 8, 30))


@pytest.fixture
def broker(monkeypatch):
    """Stands in for the broker: records each notice handed over, and whether the handing-over code was still
    inside an open database transaction at that moment."""
    sent = []
    task = lab_tasks.notify_owner_of_results._get_current_object()

    def apply_async(args=None, kwargs=None, **options):
        sent.append({"args": tuple(args or ()), "kwargs": dict(kwargs or {}),
                     "in_transaction": connection.in_atomic_block})

    monkeypatch.setattr(task, "apply_async", apply_async)
    MemoryLabClient.reset()
    yield sent
    MemoryLabClient.reset()


def run_worker(sent):
    """What the notification worker does with the queued messages, after the fact."""
    for message in sent:
        lab_tasks.notify_owner_of_results(*message["args"], **message["kwargs"])


def test_notice_for_known_order_is_queued_after_commit(pet, broker, mailoutbox):
    order = LabOrder.objects.create(lab=Lab.IDEXX, accession="VL-240308-7C01D2", clinic=pet.clinic, pet=pet,
                                    panel_code="SDMA", status=LabOrder.Status.SUBMITTED)

    ingest_lab_report(parse_report("idexx", report(order.accession)))

    assert len(broker) == 1
    assert broker[0]["in_transaction"] is False, "notice was queued before the results were committed"
    run_worker(broker)
    assert OwnerNotification.objects.filter(order=order).count() == 1
    assert [m.to for m in mailoutbox] == [["ines.m@example.com"]]


def test_notice_for_portal_order_is_queued_after_commit(pet, broker, mailoutbox):
    ingest_lab_report(parse_report("antech", report("ANT-902214")), source="poll")

    order = LabOrder.objects.get(lab=Lab.ANTECH, accession="ANT-902214")
    assert len(broker) == 1
    assert broker[0]["in_transaction"] is False, "notice was queued before the new order was committed"
    run_worker(broker)
    assert OwnerNotification.objects.filter(order=order).count() == 1
    assert len(mailoutbox) == 1


def test_webhook_queues_notice_after_commit(pet, broker, client, mailoutbox):
    body = json.dumps(report("VL-240311-9E2A40")).encode()
    sig = hmac.new(b"idexx-test-secret", body, hashlib.sha256).hexdigest()

    resp = client.post("/hooks/labs/idexx/results", body, content_type="application/json",
                       HTTP_X_LAB_SIGNATURE=sig)

    assert resp.status_code == 202
    assert [m["in_transaction"] for m in broker] == [False]
    run_worker(broker)
    assert len(mailoutbox) == 1


def test_polled_batch_queues_notices_after_the_whole_batch_commits(pet, broker, mailoutbox):
    MemoryLabClient.feeds["antech"] = [report("ANT-902301"), report("ANT-902302"), report("ANT-902303")]

    assert poll_lab("antech") == 3

    assert len(broker) == 3
    assert not any(m["in_transaction"] for m in broker), "notices were queued while the batch was uncommitted"
    run_worker(broker)
    assert OwnerNotification.objects.count() == 3
    assert len(mailoutbox) == 3


def test_rolled_back_batch_queues_no_notice(pet, broker, mailoutbox):
    MemoryLabClient.feeds["antech"] = [report("ANT-902401"), report("ANT-902402", pims_id="P-00404")]

    with pytest.raises(LabReportError):
        poll_lab("antech")

    assert not LabOrder.objects.exists()
    assert broker == [], "a notice was queued for results that were rolled back"
    assert mailoutbox == []
