from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Parcel

_HANDLERS = {}

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def register_helper():
    for parcel in Parcel.objects.filter(processed=False):
        handler = _HANDLERS.get("parcel")
        if handler is not None:
            handler(parcel)


def register_handler(kind, handler):
    """Called at start-up by the apps: process-wide on purpose."""
    _HANDLERS[kind] = handler
