from celery import shared_task

from pings.models import Ping


@shared_task
def latest_pings():
    return [p.body for p in Ping.objects.order_by("-created")[:50]]
