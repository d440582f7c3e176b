import datetime as dt_module

from celery import shared_task
from django.utils import timezone

from depot.models import Parcel
from depot_site.celery import app


@shared_task
def hourly_shipments():
    hour_ago = timezone.now() - dt_module.timedelta(hours=1)
    return Parcel.objects.filter(shipped_at__gte=hour_ago).count()


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_shipments.s(), name="hourly_shipments hourly")
