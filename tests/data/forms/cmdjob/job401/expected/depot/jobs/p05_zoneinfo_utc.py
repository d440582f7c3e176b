from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from depot.models import Parcel
from depot.registry import register_job


@register_job("0 4 * * *")
def zoneinfo_utc():
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return Parcel.objects.filter(shipped_at__gte=start).count()
