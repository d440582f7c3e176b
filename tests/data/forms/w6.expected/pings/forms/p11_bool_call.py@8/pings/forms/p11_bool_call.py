from celery import shared_task

from pings.selectors import all_checks


@shared_task
def has_checks():
    return all_checks().exists()
