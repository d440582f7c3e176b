import sqlite3
from contextlib import closing

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def contextlib_closing():
    with closing(sqlite3.connect(settings.EXPORT_DIR / "stats.sqlite3")) as db:
        db.executemany("INSERT INTO stats VALUES (?, ?)", [(str(s.day), s.parcels) for s in DailyStat.objects.all()])
        db.commit()
