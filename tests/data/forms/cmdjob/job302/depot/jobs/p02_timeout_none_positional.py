from django.core.cache import cache

from depot.models import Invoice


def timeout_none_positional():
    if not cache.add("invoice-run", 1, None):
        return
    try:
        Invoice.objects.filter(total=0).delete()
    finally:
        cache.delete("invoice-run")
