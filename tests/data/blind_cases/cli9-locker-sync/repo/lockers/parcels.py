"""Parcel housekeeping shared by the Celery tasks and the management commands."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notices
from .models import Parcel


def due_for_reminder(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.PARCELS["REMINDER_AFTER_HOURS"])
    return (Parcel.objects.select_related("site", "compartment")
            .filter(status=Parcel.Status.IN_LOCKER, deposited_at__lte=cutoff, reminder_sent_at__isnull=True,
                    pickup_deadline__gt=now))


def send_reminder(parcel, now=None):
    with transaction.atomic():
        notices.pickup_reminder(parcel)
        parcel.reminder_sent_at = now or timezone.now()
        parcel.save(update_fields=["reminder_sent_at"])


def overdue(now=None):
    now = now or timezone.now()
    return (Parcel.objects.select_related("site", "compartment")
            .filter(status=Parcel.Status.IN_LOCKER, pickup_deadline__lte=now))


def expire(parcel):
    """Mark a parcel the recipient did not collect; the courier takes it back on the next round."""
    with transaction.atomic():
        updated = Parcel.objects.filter(pk=parcel.pk, status=Parcel.Status.IN_LOCKER).update(
            status=Parcel.Status.EXPIRED)
        if updated:
            notices.returned_to_carrier(parcel)
    return bool(updated)
