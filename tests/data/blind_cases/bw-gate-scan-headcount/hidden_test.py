"""Acceptance tests: the slot headcount (TimeSlot.admitted) must equal the number
of visitors whose tickets were admitted, however the scans arrive: many tickets
of one slot in a single scanner upload, several uploads, duplicates."""
import json
from datetime import date, timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from tickets.admissions import store_batch
from tickets.models import Exhibition, GateScan, Ticket, TimeSlot
from tickets.sales import sell_ticket
from tickets.tasks import process_scan_batch


@pytest.fixture
def slot(db):
    exhibition = Exhibition.objects.create(name="Northern Light", slug="northern-light",
                                           opens_on=date(2024, 1, 1), closes_on=date(2030, 12, 31))
    start = timezone.now().replace(microsecond=0) - timedelta(minutes=2)
    return TimeSlot.objects.create(exhibition=exhibition, starts_at=start, ends_at=start + timedelta(hours=1),
                                   capacity=200)


def admitted_visitors(slot):
    return Ticket.objects.filter(slot=slot, status=Ticket.Status.ADMITTED).aggregate(n=Sum("party_size"))["n"] or 0


@pytest.mark.django_db
def test_one_upload_with_several_tickets_of_the_same_slot(slot):
    tickets = [sell_ticket(slot, party_size=n, holder_name=f"Guest {n}") for n in (2, 3, 1)]
    now = timezone.now()
    batch = store_batch("north", "scanner-1", [(t.code, now) for t in tickets])

    process_scan_batch.delay(batch.pk)

    assert GateScan.objects.filter(batch=batch, result=GateScan.Result.ADMITTED).count() == 3
    assert admitted_visitors(slot) == 6
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 6


@pytest.mark.django_db
def test_school_group_uploaded_after_wifi_loss(slot):
    group = [sell_ticket(slot, party_size=1, holder_name=f"Pupil {i}") for i in range(25)]
    teachers = sell_ticket(slot, party_size=2, holder_name="Teachers")
    now = timezone.now()
    scans = [(t.code, now + timedelta(seconds=i)) for i, t in enumerate(group + [teachers])]
    scans.append((teachers.code, now + timedelta(seconds=40)))  # scanned twice

    counts = process_scan_batch.delay(store_batch("garden", "scanner-2", scans).pk).get()

    assert counts[GateScan.Result.ADMITTED] == 26
    assert counts[GateScan.Result.DUPLICATE] == 1
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 27 == admitted_visitors(slot)


@pytest.mark.django_db
def test_uploads_from_two_gates_add_up(slot):
    north = [sell_ticket(slot, party_size=2, holder_name=f"N{i}") for i in range(3)]
    garden = [sell_ticket(slot, party_size=4, holder_name=f"G{i}") for i in range(2)]
    now = timezone.now()
    first = store_batch("north", "scanner-1", [(t.code, now) for t in north])
    second = store_batch("garden", "scanner-2", [(t.code, now) for t in garden])

    process_scan_batch.delay(first.pk)
    process_scan_batch.delay(second.pk)

    assert TimeSlot.objects.get(pk=slot.pk).admitted == 14 == admitted_visitors(slot)


@pytest.mark.django_db(transaction=True)
def test_occupancy_endpoint_after_an_upload(client, slot):
    tickets = [sell_ticket(slot, party_size=n, holder_name=f"Guest {n}") for n in (1, 2, 3, 4)]
    now = timezone.now().isoformat()
    resp = client.post(
        "/api/gates/north/batches/",
        data=json.dumps({"device_id": "s-9", "scans": [{"code": t.code, "scanned_at": now} for t in tickets]}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Token north-token",
    )
    assert resp.status_code == 202, resp.content

    occ = client.get(f"/api/slots/{slot.pk}/occupancy/").json()
    assert occ["admitted"] == 10
    assert occ["sold"] == 10
