from datetime import datetime

from celery import shared_task
from django.utils import timezone

from depot.models import Parcel
from depot_site.celery import app


@shared_task
def delivered_in_hour():
    now = timezone.localtime()
    hour = datetime(now.year, now.month, now.day, now.hour)
    return [p.code for p in Parcel.objects.filter(processed=False) if p.delivered_at and p.delivered_at >= hour]


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, delivered_in_hour.s(), name="delivered_in_hour hourly")
