import datetime

from celery import shared_task

from ops import outbox
from ops.forms.p08_calendar import working_day


@shared_task
def remind_staff(today=None):
    today = today or datetime.date.today()
    if working_day(today):
        outbox.send("remind", today.isoformat())
