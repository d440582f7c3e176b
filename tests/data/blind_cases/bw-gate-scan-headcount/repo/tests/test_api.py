import json

import pytest
from django.utils import timezone

from tickets.models import TimeSlot
from tickets.sales import sell_ticket


@pytest.mark.django_db(transaction=True)
def test_upload_batch_admits_scans(client, slot):
    ticket = sell_ticket(slot, party_size=2, holder_name="Ana")
    resp = client.post(
        "/api/gates/north/batches/",
        data=json.dumps({"device_id": "s-1", "scans": [{"code": ticket.code.lower(),
                                                         "scanned_at": timezone.now().isoformat()}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Token north-token",
    )
    assert resp.status_code == 202, resp.content
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 2
    occ = client.get(f"/api/slots/{slot.pk}/occupancy/").json()
    assert occ == {"slot": slot.pk, "capacity": 50, "sold": 2, "admitted": 2}


@pytest.mark.django_db
def test_upload_needs_the_gate_token(client):
    resp = client.post("/api/gates/north/batches/", data="{}", content_type="application/json",
                       HTTP_AUTHORIZATION="Token wrong")
    assert resp.status_code == 403


@pytest.mark.django_db
def test_upload_rejects_bad_payload(client):
    resp = client.post("/api/gates/garden/batches/", data=json.dumps({"scans": [{"code": "X"}]}),
                       content_type="application/json", HTTP_AUTHORIZATION="Token garden-token")
    assert resp.status_code == 400
