from django.utils import timezone

from depot.models import Parcel


def date_lookup():
    return Parcel.objects.filter(shipped_at__date=timezone.localdate()).count()
