from datetime import datetime, timezone

from django.utils import timezone as dj_timezone

from depot.models import DailyStat


def close_day():
    day = dj_timezone.localdate()
    DailyStat.objects.get_or_create(day=day)
