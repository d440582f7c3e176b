import datetime as dt

from django.utils import timezone

from depot.models import DailyStat, Parcel


def close_day():
    day = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    count = Parcel.objects.filter(created__gte=start, created__lt=start + dt.timedelta(days=1)).count()
    DailyStat.objects.update_or_create(day=day, defaults={"parcels": count})
