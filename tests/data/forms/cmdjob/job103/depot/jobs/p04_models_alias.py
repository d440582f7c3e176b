from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot import models as m

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def models_alias():
    yesterday = timezone.localdate()
    m.DailyStat.objects.create(day=yesterday, parcels=m.Parcel.objects.filter(processed=True).count())
