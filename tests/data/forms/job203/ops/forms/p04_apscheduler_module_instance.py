import datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from ops import outbox
from ops.planning import Planner

sched = BlockingScheduler()
_planner = Planner()


@sched.scheduled_job("cron", hour=7)
def open_shifts(today=None):
    today = today or datetime.date.today()
    if _planner.is_working_day(today):
        outbox.send("shifts", today.isoformat())
