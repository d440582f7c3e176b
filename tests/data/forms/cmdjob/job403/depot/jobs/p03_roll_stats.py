from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def roll_stats():
    DailyStat.objects.get_or_create(day=datetime.utcnow().date())


scheduler.add_job(roll_stats, "cron", hour=3, minute=30)
