from celery import shared_task
from django.utils import timezone as tz

from depot.models import DailyStat
from depot_site.celery import app


@shared_task
def hourly_rollup():
    stat, _ = DailyStat.objects.get_or_create(day=tz.localdate())
    return stat.parcels


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_rollup.s(), name="hourly_rollup hourly")
