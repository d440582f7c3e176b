from celery import shared_task

from depot.models import Reminder

_SEEN = set()


@shared_task
def notify_once():
    for reminder in Reminder.objects.filter(sent_at__isnull=True):
        if reminder.pk in _SEEN:
            continue
        _SEEN.add(reminder.pk)
