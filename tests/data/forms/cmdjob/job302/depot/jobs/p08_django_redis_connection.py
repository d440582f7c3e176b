from celery import shared_task
from django_redis import get_redis_connection

from depot.models import Parcel
from depot_site.celery import app


@shared_task
def django_redis_connection():
    conn = get_redis_connection("default")
    if not conn.set("lock:hourly", 1, nx=True):
        return 0
    try:
        return Parcel.objects.filter(processed=False).count()
    finally:
        conn.delete("lock:hourly")


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, django_redis_connection.s(), name="django_redis_connection hourly")
