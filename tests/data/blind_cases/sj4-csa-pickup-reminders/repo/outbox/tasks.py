from celery import shared_task

from . import dispatch


@shared_task
def flush_outbox():
    sent, failed = dispatch.flush()
    return {"sent": sent, "failed": failed}
