from datetime import datetime, time

from django.utils import timezone

from depot.models import Parcel
from depot.registry import register_job


@register_job("0 4 * * *")
def current_timezone():
    start = datetime.combine(timezone.localdate(), time.min, tzinfo=timezone.get_current_timezone())
    return Parcel.objects.filter(created__gte=start).count()
