"""Periodic housekeeping. Each job takes ``now`` so it can be run for a given moment."""
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import Booking

logger = logging.getLogger(__name__)


def release_expired_holds(now=None):
    """Give back places that were held but never confirmed."""
    now = now or timezone.now()
    released = Booking.objects.filter(status=Booking.Status.HELD, hold_expires_at__lt=now).update(
        status=Booking.Status.EXPIRED
    )
    if released:
        logger.info("released %d expired holds", released)
    return released


def send_booking_reminders(now=None):
    """Email everyone with a confirmed booking tomorrow (local calendar day)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    day_start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    day_end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
    due = (
        Booking.objects.filter(status=Booking.Status.CONFIRMED, reminded_at__isnull=True,
                               slot__starts_at__gte=day_start, slot__starts_at__lt=day_end)
        .select_related("slot__entry", "slot__lane")
    )
    sent = 0
    for booking in due:
        try:
            notifications.send_reminder(booking)
        except Exception:
            logger.exception("reminder for booking %s failed", booking.pk)
            continue
        booking.reminded_at = now
        booking.save(update_fields=["reminded_at"])
        sent += 1
    logger.info("booking reminders for %s: %d sent", tomorrow, sent)
    return sent


def mark_no_shows(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.NO_SHOW_GRACE_MINUTES)
    with transaction.atomic():
        updated = Booking.objects.filter(
            status=Booking.Status.CONFIRMED, slot__starts_at__lt=cutoff
        ).update(status=Booking.Status.NO_SHOW)
    if updated:
        logger.info("marked %d bookings as no-show", updated)
    return updated
