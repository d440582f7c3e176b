from django.utils import timezone

from depot.models import Reminder
from depot.registry import register_job


def count_due(now=timezone.now()):
    return Reminder.objects.filter(due_at__lte=now, sent_at__isnull=True).count()


@register_job("*/10 * * * *")
def default_argument():
    return count_due()
