from celery import shared_task

from pings.models import Ping


@shared_task
def trim_bodies(cutoff):
    for ping in Ping.objects.stale(cutoff).iterator(chunk_size=2000):
        ping.body = ""
        ping.save(update_fields=["body"])
