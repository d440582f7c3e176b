from datetime import datetime, time, timedelta

from django.utils import timezone


def shipped_on(parcel, day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return parcel.shipped_at is not None and start <= parcel.shipped_at < start + timedelta(days=1)
