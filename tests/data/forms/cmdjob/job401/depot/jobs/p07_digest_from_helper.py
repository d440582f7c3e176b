from django.utils import timezone

from depot.days import day_bounds
from depot.models import Parcel


def digest_from_helper():
    start, end = day_bounds(timezone.localdate())
    return Parcel.objects.filter(shipped_at__gte=start, shipped_at__lt=end).count()
