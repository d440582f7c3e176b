from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .services import reminders, schedule


@shared_task
def open_next_week():
    today = timezone.localdate()
    next_monday = today + timedelta(days=7 - today.weekday())
    days, boxes = schedule.open_week(next_monday)
    return {"days": days, "boxes": boxes}


@shared_task
def skip_deadline_notices():
    return reminders.queue_skip_deadline_notices()


@shared_task
def pickup_reminders():
    return reminders.queue_pickup_reminders()


@shared_task
def close_pickup_days():
    return schedule.close_pickup_days()
