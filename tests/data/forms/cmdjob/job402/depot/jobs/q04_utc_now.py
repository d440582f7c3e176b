from datetime import datetime, timezone

from depot.models import Parcel
from depot.registry import register_job


@register_job("0 4 * * *")
def utc_now():
    return Parcel.objects.filter(created__lt=datetime.now(timezone.utc)).count()
