from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import Member
from tickets.admissions import store_batch
from tickets.models import GateScan, ScanBatch, Ticket, TimeSlot
from tickets.sales import refund_ticket, sell_ticket
from tickets.tasks import process_scan_batch


@pytest.mark.django_db
def test_single_scan_admits_the_party(slot, member):
    ticket = sell_ticket(slot, party_size=4, holder_name="Ines", member=member)
    batch = store_batch("north", "scanner-1", [(ticket.code, timezone.now())])

    counts = process_scan_batch(batch.pk)

    assert counts == {GateScan.Result.ADMITTED: 1}
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 4
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.ADMITTED
    assert Member.objects.get(pk=member.pk).visit_count == 1
    assert ScanBatch.objects.get(pk=batch.pk).status == ScanBatch.Status.PROCESSED


@pytest.mark.django_db
def test_unknown_refunded_and_early_scans_are_refused(slot, exhibition):
    refunded = sell_ticket(slot, party_size=1, holder_name="R")
    refund_ticket(refunded)
    later = TimeSlot.objects.create(exhibition=exhibition, starts_at=timezone.now() + timedelta(hours=2),
                                    ends_at=timezone.now() + timedelta(hours=3), capacity=10)
    early = sell_ticket(later, party_size=2, holder_name="E")
    now = timezone.now()
    batch = store_batch("garden", "scanner-2", [("GL-NOPE", now), (refunded.code, now), (early.code, now)])

    counts = process_scan_batch(batch.pk)

    assert counts == {GateScan.Result.UNKNOWN: 1, GateScan.Result.REFUNDED: 1, GateScan.Result.TOO_EARLY: 1}
    assert TimeSlot.objects.get(pk=later.pk).admitted == 0


@pytest.mark.django_db
def test_processed_batch_is_not_applied_twice(slot):
    ticket = sell_ticket(slot, party_size=2, holder_name="Ana")
    batch = store_batch("north", "scanner-1", [(ticket.code, timezone.now())])
    process_scan_batch(batch.pk)
    assert process_scan_batch(batch.pk) == {}
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 2


@pytest.mark.django_db
def test_ticket_scanned_at_two_gates_is_admitted_once(slot):
    ticket = sell_ticket(slot, party_size=2, holder_name="Ana")
    first = store_batch("north", "scanner-1", [(ticket.code, timezone.now())])
    second = store_batch("garden", "scanner-2", [(ticket.code, timezone.now())])
    process_scan_batch(first.pk)
    assert process_scan_batch(second.pk) == {GateScan.Result.DUPLICATE: 1}
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 2


@pytest.mark.django_db
def test_recount_admissions_repairs_the_headcount(slot):
    ticket = sell_ticket(slot, party_size=3, holder_name="Ana")
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.ADMITTED)
    call_command("recount_admissions", "--date", timezone.localdate(slot.starts_at).isoformat())
    assert TimeSlot.objects.get(pk=slot.pk).admitted == 3
