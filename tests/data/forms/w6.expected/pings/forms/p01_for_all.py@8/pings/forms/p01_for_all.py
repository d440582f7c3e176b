from celery import shared_task

from pings.models import Check


@shared_task
def recheck_all():
    for check in Check.objects.all().iterator(chunk_size=2000):
        check.status = "unknown"
        check.save(update_fields=["status"])
