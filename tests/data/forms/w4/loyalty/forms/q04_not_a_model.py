from celery import shared_task

from loyalty.models import Tally


@shared_task
def count_in_memory():
    tally = Tally()
    tally.count += 1
    tally.save()
