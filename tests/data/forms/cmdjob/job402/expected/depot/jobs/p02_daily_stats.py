from datetime import date

from django.utils import timezone

from depot.models import DailyStat, Parcel


def daily_stats():
    day = timezone.localdate()
    DailyStat.objects.update_or_create(day=day, defaults={"parcels": Parcel.objects.count()})
