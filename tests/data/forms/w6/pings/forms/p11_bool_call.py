from celery import shared_task

from pings.selectors import all_checks


@shared_task
def has_checks():
    return bool(all_checks())
