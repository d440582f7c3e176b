from celery import shared_task

from pings.models import Ping


@shared_task
def trim_bodies(cutoff):
    for ping in Ping.objects.stale(cutoff):
        ping.body = ""
        ping.save(update_fields=["body"])
