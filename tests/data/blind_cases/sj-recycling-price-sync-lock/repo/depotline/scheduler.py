"""APScheduler set-up for the periodic jobs (run by `manage.py run_scheduler`)."""
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings

from materials import jobs as material_jobs
from weighbridge import jobs as weighbridge_jobs

JOBS = {
    "sync_buyer_prices": (material_jobs.sync_buyer_prices, CronTrigger(hour=2, minute=10)),
    "expire_stale_prices": (material_jobs.expire_stale_prices, CronTrigger(hour=6, minute=0)),
    "close_open_tickets": (weighbridge_jobs.close_open_tickets, CronTrigger(hour=23, minute=30)),
    "daily_tonnage_summary": (weighbridge_jobs.daily_tonnage_summary, CronTrigger(hour=23, minute=45)),
}


def build_scheduler():
    scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
    for job_id, (func, trigger) in JOBS.items():
        scheduler.add_job(func, trigger, id=job_id, max_instances=1, coalesce=True, misfire_grace_time=3600)
    return scheduler
