from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def astimezone():
    day = timezone.now().astimezone(ZoneInfo("Europe/Berlin")).date()
    DailyStat.objects.get_or_create(day=day)
