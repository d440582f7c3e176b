"""Member-initiated changes to a box."""
from django.utils import timezone

from ..models import BoxAllocation


class SkipTooLate(Exception):
    pass


def skip_box(allocation, now=None):
    now = now or timezone.now()
    if now > allocation.pickup_day.skip_deadline:
        raise SkipTooLate(f"the skip deadline for {allocation.pickup_day} has passed")
    allocation.status = BoxAllocation.Status.SKIPPED
    allocation.save(update_fields=["status"])
    return allocation


def unskip_box(allocation, now=None):
    now = now or timezone.now()
    if now > allocation.pickup_day.skip_deadline:
        raise SkipTooLate(f"the skip deadline for {allocation.pickup_day} has passed")
    allocation.status = BoxAllocation.Status.ALLOCATED
    allocation.save(update_fields=["status"])
    return allocation


def mark_collected(allocation, note=""):
    allocation.status = BoxAllocation.Status.COLLECTED
    allocation.note = note
    allocation.save(update_fields=["status", "note"])
    return allocation
