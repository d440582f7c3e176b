from django.core.cache import cache

from depot.models import Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def released_in_handler():
    if not cache.add("reminders-lock", 1, 600):
        return
    try:
        Reminder.objects.filter(sent_at__isnull=True).count()
    except Exception:
        cache.delete("reminders-lock")
        raise
    cache.delete("reminders-lock")
