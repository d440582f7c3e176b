from celery import shared_task
from django.utils import timezone

from depot.models import DailyStat
from depot_site.celery import app


@shared_task
def hourly_snapshot():
    return DailyStat.objects.create(day=timezone.localdate()).pk


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_snapshot.s(), name="hourly_snapshot hourly")
