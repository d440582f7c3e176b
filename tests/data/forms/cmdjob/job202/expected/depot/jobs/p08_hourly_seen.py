from celery import shared_task

from depot.models import Parcel
from depot_site.celery import app


@shared_task
def hourly_seen():
    seen_codes = set()
    fresh = [p for p in Parcel.objects.filter(shipped_at__isnull=False) if p.code not in seen_codes]
    seen_codes.update(p.code for p in fresh)
    return len(fresh)


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, hourly_seen.s(), name="hourly_seen hourly")
