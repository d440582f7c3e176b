from celery import shared_task

from .services import expire_listings as _expire_listings


@shared_task
def expire_listings():
    return _expire_listings()
