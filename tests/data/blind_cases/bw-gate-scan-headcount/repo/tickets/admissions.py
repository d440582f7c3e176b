"""Turning the gate scanners' uploads into admissions.

A scanner uploads what it scanned while offline as one batch; a batch can hold
scans for many tickets of the same time slot (a school group arriving, the
queue at opening time).
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members.visits import record_member_visit

from .models import GateScan, ScanBatch, Ticket

logger = logging.getLogger(__name__)


def store_batch(gate, device_id, scans):
    """Save an upload from a scanner. ``scans`` is a list of (code, scanned_at)."""
    codes = {code for code, _ in scans}
    tickets = {t.code: t for t in Ticket.objects.filter(code__in=codes)}
    with transaction.atomic():
        batch = ScanBatch.objects.create(gate=gate, device_id=device_id)
        GateScan.objects.bulk_create([
            GateScan(batch=batch, code=code, ticket=tickets.get(code), scanned_at=scanned_at)
            for code, scanned_at in scans
        ])
    return batch


def _check_scan(scan):
    ticket = scan.ticket
    if ticket is None:
        return GateScan.Result.UNKNOWN
    if ticket.status == Ticket.Status.REFUNDED:
        return GateScan.Result.REFUNDED
    earliest = ticket.slot.starts_at - timedelta(minutes=settings.EARLY_ENTRY_MINUTES)
    if scan.scanned_at < earliest:
        return GateScan.Result.TOO_EARLY
    return None


def admit_scan(scan):
    """Let the ticket's party in and count them on the slot's headcount."""
    ticket = scan.ticket
    # conditional update so a ticket scanned twice (double beep, second gate)
    # is only admitted once
    first_time = Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.ISSUED).update(
        status=Ticket.Status.ADMITTED, admitted_at=scan.scanned_at
    )
    if not first_time:
        return GateScan.Result.DUPLICATE
    slot = ticket.slot
    slot.admitted += ticket.party_size
    slot.save(update_fields=["admitted"])
    if ticket.member_id:
        record_member_visit(ticket.member_id, scan.scanned_at)
    return GateScan.Result.ADMITTED


def apply_scan_batch(batch):
    """Process every pending scan of ``batch``; returns a count per result."""
    counts = {}
    scans = batch.scans.filter(result=GateScan.Result.PENDING).select_related("ticket__slot")
    for scan in scans:
        with transaction.atomic():
            result = _check_scan(scan) or admit_scan(scan)
            scan.result = result
            scan.save(update_fields=["result"])
        counts[result] = counts.get(result, 0) + 1
    ScanBatch.objects.filter(pk=batch.pk).update(status=ScanBatch.Status.PROCESSED, processed_at=timezone.now())
    logger.info("batch %s from %s: %s", batch.pk, batch.gate, counts)
    return counts
