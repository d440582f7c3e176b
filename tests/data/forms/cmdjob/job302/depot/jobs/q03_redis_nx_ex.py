from apscheduler.schedulers.blocking import BlockingScheduler
import redis

from depot.models import Reminder

r = redis.Redis()

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def redis_nx_ex():
    if not r.set("lock:reminders", "1", nx=True, ex=3600):
        return 0
    try:
        return Reminder.objects.filter(sent_at__isnull=True).count()
    finally:
        r.delete("lock:reminders")
