from celery import shared_task
_SEEN = set()

from depot.models import Reminder


@shared_task
def notify_once():
    for reminder in Reminder.objects.filter(sent_at__isnull=True):
        if reminder.pk in _SEEN:
            continue
        _SEEN.add(reminder.pk)
