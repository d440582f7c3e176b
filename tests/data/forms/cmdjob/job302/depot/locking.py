from django.core.cache import cache

from depot.models import DailyStat

LOCK_KEY = "rebuild-running"


def exclusive_rebuild():
    if cache.get(LOCK_KEY):
        return False
    cache.set(LOCK_KEY, True, None)
    try:
        DailyStat.objects.all().delete()
    finally:
        cache.delete(LOCK_KEY)
    return True
