from celery import shared_task

from .ingest import ingest_batch
from .snapshots import mark_silent_meters


@shared_task
def ingest_gateway_batch(batch):
    return ingest_batch(batch)


@shared_task
def flag_silent_meters():
    return mark_silent_meters()
