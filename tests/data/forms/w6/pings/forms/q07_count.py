from celery import shared_task

from pings.models import Ping


@shared_task
def count_pings_in_db():
    if Ping.objects.exists():
        return Ping.objects.count()
    return 0
