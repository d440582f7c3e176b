from depot.days import business_day
from depot.models import DailyStat


def stats_from_helper():
    DailyStat.objects.get_or_create(day=business_day())
