import logging

from celery import shared_task

from . import parcels

log = logging.getLogger(__name__)


@shared_task
def send_pickup_reminders():
    count = 0
    for parcel in parcels.due_for_reminder():
        parcels.send_reminder(parcel)
        count += 1
    log.info("queued %d pickup reminder(s)", count)
    return count


@shared_task
def expire_overdue_parcels():
    count = sum(1 for parcel in parcels.overdue() if parcels.expire(parcel))
    log.info("expired %d parcel(s)", count)
    return count
