from datetime import datetime, timezone

from celery import shared_task

from depot.models import Parcel
from depot_site.celery import app

SINCE = datetime.now(timezone.utc)


@shared_task
def hourly_since():
    return Parcel.objects.filter(shipped_at__gte=SINCE).count()


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_since.s(), name="hourly_since hourly")
