import datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from ops import outbox
from ops.planning import Planner

sched = BlockingScheduler()
_planner = Planner()


@sched.scheduled_job("cron", hour=6)
def close_shifts(today=None):
    global _planner
    _planner = Planner()  # holidays are edited in the admin: reload each run
    today = today or datetime.date.today()
    if _planner.is_working_day(today):
        outbox.send("close", today.isoformat())
