"""Periodic box office jobs (wrapped as celery tasks in boxoffice/tasks.py)."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import emails
from .models import Booking, WaitlistEntry
from .seating import seats_free

log = logging.getLogger(__name__)


def send_pre_show_reminders(now=None):
    """Email every confirmed booking for tomorrow's performances (local calendar day) a reminder."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    bookings = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            performance__starts_at__date=tomorrow,
            performance__cancelled=False,
            reminder_sent_at__isnull=True,
        )
        .exclude(patron__email="")
        .select_related("patron", "performance__production", "performance__venue")
        .order_by("performance__starts_at", "reference")
    )
    sent = 0
    for booking in bookings:
        try:
            emails.send_pre_show_reminder(booking)
        except Exception:
            log.exception("pre-show reminder for booking %s failed", booking.reference)
            continue
        sent += 1
    log.info("pre-show reminders: %d sent for performances on %s", sent, tomorrow)
    return sent


def release_unpaid_holds(now=None):
    """Release held (unpaid) bookings once the performance is less than UNPAID_HOLD_RELEASE_HOURS away."""
    now = now or timezone.now()
    cutoff = now + timedelta(hours=settings.UNPAID_HOLD_RELEASE_HOURS)
    released = 0
    for booking in Booking.objects.filter(status=Booking.Status.HELD, performance__starts_at__lte=cutoff).select_related(
        "patron", "performance__production"
    ):
        with transaction.atomic():
            updated = Booking.objects.filter(pk=booking.pk, status=Booking.Status.HELD).update(
                status=Booking.Status.RELEASED
            )
        if updated and booking.patron.email:
            emails.send_hold_released(booking)
        released += updated
    return released


def send_waitlist_offers(now=None):
    """Offer freed-up seats to the waiting list, oldest entry first, one offer per entry."""
    now = now or timezone.now()
    offered = 0
    entries = (
        WaitlistEntry.objects.filter(offered_at__isnull=True, performance__starts_at__gt=now, performance__cancelled=False)
        .exclude(patron__email="")
        .select_related("patron", "performance__production", "performance__venue")
    )
    for entry in entries:
        free = seats_free(entry.performance)
        if free < entry.seats_wanted:
            continue
        claimed = WaitlistEntry.objects.filter(pk=entry.pk, offered_at__isnull=True).update(offered_at=now)
        if not claimed:
            continue
        emails.send_waitlist_offer(entry, free)
        offered += 1
    return offered
