from celery import shared_task

from pings.models import Ping


@shared_task
def pings_of(check_id):
    for ping in Ping.objects.for_check(check_id):
        ping.save()
    return list(Ping.objects.filter(check_id=check_id))
