from celery import shared_task

from pings.models import Check


@shared_task
def pings_of_check(check_id):
    check = Check.objects.get(pk=check_id)
    return [p.body for p in check.pings.all()]
