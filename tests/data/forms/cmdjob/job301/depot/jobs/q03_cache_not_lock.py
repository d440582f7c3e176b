from django.core.cache import cache

from depot.models import Parcel


def cache_not_lock():
    cache.set("parcel-count", Parcel.objects.count(), 600)
