from celery import shared_task
import redis

from depot.models import Parcel
from depot_site.celery import app

r = redis.Redis()


@shared_task
def redis_nx():
    if not r.set("lock:hourly", "1", nx=True, ex=3600):
        return 0
    count = Parcel.objects.filter(processed=False).count()
    r.delete("lock:hourly")
    return count


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, redis_nx.s(), name="redis_nx hourly")
