from datetime import datetime, time

from django.utils import timezone

from depot.models import Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def age_subtraction():
    midnight = datetime.combine(timezone.localdate(), time.min)
    return [(r.due_at - midnight).days for r in Reminder.objects.filter(sent_at__isnull=True)]
