from django.core.cache import cache

from depot.models import Reminder
from depot.registry import register_job

LOCK_KEY = "reminders-running"


@register_job("0 4 * * *")
def cache_set_key():
    if cache.get(LOCK_KEY):
        return
    cache.set(LOCK_KEY, True, 600)
    try:
        Reminder.objects.filter(sent_at__isnull=True).count()
    finally:
        cache.delete(LOCK_KEY)
