from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Invoice

_TOTALS = {}

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def setdefault_totals():
    for invoice in Invoice.objects.all():
        _TOTALS.setdefault(invoice.period, 0)
        _TOTALS[invoice.period] += 1
    return _TOTALS
