from apscheduler.schedulers.blocking import BlockingScheduler
from django.db import IntegrityError, transaction
from django.utils import timezone

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def integrity_error():
    try:
        with transaction.atomic():
            DailyStat.objects.create(day=timezone.localdate())
    except IntegrityError:
        pass
