from celery import shared_task

from pings.models import Ping


@shared_task
def day_lengths(since, until):
    # a window the task builds a result from: it does not promise to stream (WRK601 cannot know the size)
    total = 0
    for ping in Ping.objects.filter(created__gte=since, created__lt=until):
        total += len(ping.body)
    return total
