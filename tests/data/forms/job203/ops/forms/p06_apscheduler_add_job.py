import datetime

from apscheduler.schedulers.background import BackgroundScheduler

from ops import outbox
from ops.lookups import holidays


def send_holiday_notice(today=None):
    today = today or datetime.date.today()
    if today in holidays():
        outbox.send("notice", today.isoformat())


scheduler = BackgroundScheduler()
scheduler.add_job(send_holiday_notice, "interval", hours=1)
