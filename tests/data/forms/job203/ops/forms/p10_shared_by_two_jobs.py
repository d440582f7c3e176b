from celery import shared_task

from ops import outbox
from ops.models import Target


class Recipients:
    _urls = None

    @classmethod
    def urls(cls):
        if cls._urls is None:
            cls._urls = list(Target.objects.values_list("url", flat=True))
        return cls._urls


@shared_task
def nightly_digest():
    for url in Recipients.urls():
        outbox.send("nightly", url)


@shared_task
def hourly_digest():
    for url in Recipients.urls():
        outbox.send("hourly", url)
