from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def roll_stats():
    DailyStat.objects.get_or_create(day=timezone.localdate())


scheduler.add_job(roll_stats, "cron", hour=3, minute=30)
