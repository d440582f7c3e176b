from functools import lru_cache

from celery import shared_task

from ops import outbox
from ops.models import Target


@lru_cache(maxsize=256)
def normalise(code):
    return code.strip().lower()


@lru_cache
def channels():
    return ("push", "mail")


@shared_task
def normalise_codes():
    for target in Target.objects.all():
        target.code = normalise(target.code)
        target.save()
    outbox.send(channels()[0], "normalised")
