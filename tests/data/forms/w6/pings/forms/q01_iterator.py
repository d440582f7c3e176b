from celery import shared_task

from pings.models import Check


@shared_task
def recheck_all_streamed():
    for check in Check.objects.all().iterator(chunk_size=500):
        check.save()
