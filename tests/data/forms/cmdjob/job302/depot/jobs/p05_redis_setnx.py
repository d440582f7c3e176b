import redis

from depot.models import Parcel
from depot.registry import register_job

redis_client = redis.Redis()


@register_job("0 4 * * *")
def redis_setnx():
    if not redis_client.setnx("lock:purge", 1):
        return
    try:
        Parcel.objects.filter(delivered_at__isnull=False).delete()
    finally:
        redis_client.delete("lock:purge")
