import calendar
from datetime import date


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shipped_until(day: date):
    from depot.models import Parcel

    return Parcel.objects.filter(shipped_at__date__lte=day)
