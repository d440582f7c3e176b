from django.core.cache import cache

from depot.models import Invoice


def default_cache_timeout():
    if not cache.add("invoice-run", 1):
        return
    try:
        Invoice.objects.filter(total=0).delete()
    finally:
        cache.delete("invoice-run")
