from django.utils import timezone

from depot.models import Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def no_side_effect():
    late = 0
    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
        late += 1
    return late
