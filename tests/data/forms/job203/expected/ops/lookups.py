import functools

from ops.models import Holiday


@functools.cache
def holidays():
    return frozenset(Holiday.objects.values_list("day", flat=True))
