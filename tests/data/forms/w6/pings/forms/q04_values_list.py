from celery import shared_task

from pings.models import Check


@shared_task
def check_ids():
    return list(Check.objects.values_list("pk", flat=True))
