from apscheduler.schedulers.blocking import BlockingScheduler

from .jobs import pull_readings


def build_scheduler():
    scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
    scheduler.add_job(pull_readings, "cron", hour=3, minute=15, id="pull_readings")
    return scheduler
