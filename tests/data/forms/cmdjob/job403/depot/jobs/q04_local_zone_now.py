from datetime import datetime
from zoneinfo import ZoneInfo

from depot.models import DailyStat
from depot.registry import register_job


@register_job("0 4 * * *")
def local_zone_now():
    DailyStat.objects.get_or_create(day=datetime.now(ZoneInfo("Europe/Berlin")).date())
