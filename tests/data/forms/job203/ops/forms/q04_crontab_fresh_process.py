import datetime
from functools import lru_cache

from ops import outbox
from ops.models import Holiday


@lru_cache
def holiday_days():
    return frozenset(Holiday.objects.values_list("day", flat=True))


def send_holiday_notice(today=None):
    """Run by django-crontab: every run is a fresh `manage.py crontab run` process."""
    today = today or datetime.date.today()
    if today in holiday_days():
        outbox.send("notice", today.isoformat())
