from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Invoice

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def setdefault_totals():
    _TOTALS = {}
    for invoice in Invoice.objects.all():
        _TOTALS.setdefault(invoice.period, 0)
        _TOTALS[invoice.period] += 1
    return _TOTALS
