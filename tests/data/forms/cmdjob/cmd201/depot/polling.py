from django.utils import timezone

from depot.models import Reminder


def due_reminders():
    return list(Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True))


def mark_sent(reminders):
    Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(sent_at=timezone.now())
