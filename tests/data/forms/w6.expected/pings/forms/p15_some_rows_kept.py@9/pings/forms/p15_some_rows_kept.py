from celery import shared_task

from pings.models import Check


@shared_task
def mark_down_unknown():
    to_update = []
    for check in Check.objects.all().iterator(chunk_size=2000):
        if check.status == "down":
            check.status = "unknown"
            to_update.append(check)
    Check.objects.bulk_update(to_update, ["status"])
