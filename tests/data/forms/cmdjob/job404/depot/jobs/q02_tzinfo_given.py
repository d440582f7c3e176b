from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from depot.models import Parcel


def tzinfo_given():
    start = datetime.combine(timezone.localdate(), time.min, tzinfo=ZoneInfo("Europe/Berlin"))
    return [p.code for p in Parcel.objects.all() if p.shipped_at and p.shipped_at < start]
