import redis

from depot.models import Customer
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "redis lock timeout (run from cron: manage.py q05_redis_lock_timeout)"

    def handle(self, *args, **options):
        r = redis.Redis()
        with r.lock("lock:deactivate", timeout=600):
            Customer.objects.filter(name__startswith="[closed]").update(active=False)
