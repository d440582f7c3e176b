"""Periodic jobs, run by django-crontab (``CRONJOBS`` in settings).

django-crontab calls them without arguments; the optional arguments are there so a job can be
re-run for a given day or time from a shell or a test.
"""
import logging
from datetime import datetime, time, timedelta

from django.utils import timezone

from clinics.models import Clinic

from .messages import render_reminder
from .models import Booking
from .services import publish_slots_for_day
from .sms import SmsError, get_sms_gateway

logger = logging.getLogger(__name__)

NO_SHOW_AFTER = timedelta(hours=1)


def publish_tomorrows_slots(day=None):
    """20:00 every evening: open up the next day's slots of every active centre."""
    day = day or timezone.localdate() + timedelta(days=1)
    results = []
    for clinic in Clinic.objects.filter(active=True):
        try:
            result = publish_slots_for_day(clinic, day)
        except Exception:
            logger.exception("publishing %s slots for %s failed", clinic.code, day)
            continue
        logger.info("published %s %s: %d slots (%d new)", result.clinic, day, result.offered, result.created)
        results.append(result)
    return results


def send_booking_reminders(now=None):
    """10:00 every morning: text everyone booked for tomorrow, in each centre's local day."""
    now = now or timezone.now()
    gateway = get_sms_gateway()
    sent = 0
    for clinic in Clinic.objects.filter(active=True):
        tomorrow = timezone.localtime(now, clinic.tzinfo).date() + timedelta(days=1)
        day_start = timezone.make_aware(datetime.combine(tomorrow, time.min), clinic.tzinfo)
        day_end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min), clinic.tzinfo)
        bookings = (
            Booking.objects.filter(slot__clinic=clinic, slot__starts_at__gte=day_start, slot__starts_at__lt=day_end,
                                   status=Booking.Status.BOOKED, reminder_sent_at__isnull=True)
            .exclude(phone="")
            .select_related("slot__clinic")
        )
        for booking in bookings:
            try:
                gateway.send(booking.phone, render_reminder(booking))
            except SmsError as exc:
                logger.warning("reminder for booking %s failed: %s", booking.pk, exc)
                continue
            booking.reminder_sent_at = now
            booking.save(update_fields=["reminder_sent_at"])
            sent += 1
    logger.info("booking reminders: %d sent", sent)
    return sent


def mark_no_shows(now=None):
    """Hourly: bookings still open an hour after their slot ended become no-shows."""
    now = now or timezone.now()
    updated = Booking.objects.filter(status=Booking.Status.BOOKED,
                                     slot__ends_at__lt=now - NO_SHOW_AFTER).update(status=Booking.Status.NO_SHOW)
    if updated:
        logger.info("marked %d bookings as no-show", updated)
    return updated
