from celery import shared_task

from ops import outbox
from ops.models import Reading, Threshold


class Thresholds:
    _cache = {}


def threshold(name):
    if name not in Thresholds._cache:
        Thresholds._cache[name] = Threshold.objects.get(name=name).value
    return Thresholds._cache[name]


@shared_task
def check_thresholds():
    """Alert on every reading above its threshold."""
    for reading in Reading.objects.all():
        if reading.value > threshold(reading.name):
            outbox.send("alert", reading.name)
