from celery import shared_task

from pings import selectors


@shared_task
def purge(cutoff):
    for ping in selectors.old_pings(cutoff).iterator(chunk_size=2000):
        ping.delete()
