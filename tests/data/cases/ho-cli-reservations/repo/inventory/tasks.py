from celery import shared_task
from django.conf import settings

from .reservations import release, stale_reservations


@shared_task
def release_expired_holds():
    """Hourly beat task: releases reservations past the standard hold time."""
    released = 0
    for reservation in stale_reservations(settings.RESERVATION_HOLD_HOURS):
        release(reservation, reason="expired")
        released += 1
    return released
