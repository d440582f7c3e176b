from celery import shared_task

from pings.models import Check


@shared_task
def reset_all_statuses():
    # every row is kept for one bulk_update: streaming the loop would not bound memory
    to_update = []
    for check in Check.objects.all():
        check.status = "unknown"
        to_update.append(check)
    Check.objects.bulk_update(to_update, ["status"])
