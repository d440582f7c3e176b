from apscheduler.schedulers.blocking import BlockingScheduler

from .alerts import email_usage_alerts
from .jobs import pull_readings


def build_scheduler():
    scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
    scheduler.add_job(pull_readings, "cron", hour=3, minute=15, id="pull_readings")
    scheduler.add_job(email_usage_alerts, "cron", hour=7, minute=0, id="email_usage_alerts")
    return scheduler
