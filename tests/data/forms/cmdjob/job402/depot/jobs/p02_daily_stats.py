from datetime import date

from depot.models import DailyStat, Parcel


def daily_stats():
    day = date.today()
    DailyStat.objects.update_or_create(day=day, defaults={"parcels": Parcel.objects.count()})
