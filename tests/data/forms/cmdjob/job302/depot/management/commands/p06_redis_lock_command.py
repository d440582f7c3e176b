import redis

from depot.models import Customer
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "redis lock command (run from cron: manage.py p06_redis_lock_command)"

    def handle(self, *args, **options):
        r = redis.Redis()
        with r.lock("lock:deactivate"):
            Customer.objects.filter(name__startswith="[closed]").update(active=False)
