from datetime import datetime, timezone

from depot.models import DailyStat


def close_day():
    day = datetime.now(timezone.utc).date()
    DailyStat.objects.get_or_create(day=day)
