import hashlib
import hmac
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from clinics.models import Owner
from labs.client import MemoryLabClient
from labs.models import Lab, LabOrder, LabSyncState, OwnerNotification
from labs.services import poll_lab
from labs.tasks import notify_owner_of_results, send_overdue_digests

from .conftest import make_report


@pytest.fixture
def resulted_order(pet):
    return LabOrder.objects.create(lab=Lab.ANTECH, accession="ANT-551020", clinic=pet.clinic, pet=pet,
                                   panel_code="CBC", panel_name="Complete blood count",
                                   status=LabOrder.Status.RESULTED, resulted_at=timezone.now())


def test_notice_goes_to_owner_by_email(resulted_order, mailoutbox):
    notify_owner_of_results(resulted_order.pk)

    assert len(mailoutbox) == 1
    assert "Complete blood count" in mailoutbox[0].body
    note = OwnerNotification.objects.get(order=resulted_order)
    assert (note.channel, note.recipient) == ("email", "dana.l@example.com")


def test_notice_by_sms_when_owner_prefers_it(resulted_order, owner, sms_outbox, mailoutbox):
    owner.preferred_contact = Owner.Contact.SMS
    owner.save()
    notify_owner_of_results(resulted_order.pk)

    assert mailoutbox == []
    assert [to for to, _ in sms_outbox] == ["+16125550177"]


def test_notice_sent_once_unless_forced(resulted_order, mailoutbox):
    notify_owner_of_results(resulted_order.pk)
    notify_owner_of_results(resulted_order.pk)
    assert len(mailoutbox) == 1

    call_command("resend_results_notice", resulted_order.accession, stdout=StringIO())
    assert len(mailoutbox) == 2


def test_no_notice_for_open_order(resulted_order, mailoutbox):
    LabOrder.objects.filter(pk=resulted_order.pk).update(status=LabOrder.Status.SUBMITTED)
    notify_owner_of_results(resulted_order.pk)
    assert mailoutbox == []


def test_poll_stores_batch_and_advances_cursor(pet):
    MemoryLabClient.feeds["antech"] = [make_report("ANT-1"), make_report("ANT-2", status="partial")]

    assert poll_lab("antech") == 2
    assert poll_lab("antech") == 0
    assert dict(LabOrder.objects.values_list("accession", "status")) == {"ANT-1": "resulted", "ANT-2": "submitted"}
    assert LabSyncState.objects.get(lab="antech").cursor == "2"


def test_failed_poll_batch_is_stored_not_at_all(pet):
    MemoryLabClient.feeds["antech"] = [make_report("ANT-3"), make_report("ANT-4", pims_id="P-00000")]

    with pytest.raises(Exception, match="unknown patient"):
        poll_lab("antech")
    assert not LabOrder.objects.exists()
    assert LabSyncState.objects.get(lab="antech").cursor == ""


def test_webhook_checks_signature(client, pet):
    body = json.dumps(make_report("VL-240311-AAAAAA")).encode()
    url = "/hooks/labs/idexx/results"

    bad = client.post(url, body, content_type="application/json", HTTP_X_LAB_SIGNATURE="nope")
    assert bad.status_code == 403

    sig = hmac.new(b"idexx-test-secret", body, hashlib.sha256).hexdigest()
    ok = client.post(url, body, content_type="application/json", HTTP_X_LAB_SIGNATURE=sig)
    assert ok.status_code == 202
    assert ok.json() == {"accession": "VL-240311-AAAAAA", "status": "resulted"}


def test_overdue_digest_lists_late_orders(pet, mailoutbox):
    late = timezone.now() - timedelta(days=9)
    LabOrder.objects.create(lab=Lab.IDEXX, accession="VL-OLD-1", clinic=pet.clinic, pet=pet, panel_code="T4",
                            status=LabOrder.Status.SUBMITTED, submitted_at=late)
    LabOrder.objects.create(lab=Lab.IDEXX, accession="VL-NEW-1", clinic=pet.clinic, pet=pet, panel_code="T4",
                            status=LabOrder.Status.SUBMITTED, submitted_at=timezone.now())

    assert send_overdue_digests() == 1
    assert len(mailoutbox) == 1
    assert "VL-OLD-1" in mailoutbox[0].body and "VL-NEW-1" not in mailoutbox[0].body
