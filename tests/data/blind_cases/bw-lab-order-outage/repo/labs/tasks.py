import logging

from celery import shared_task

from .client import LabUnavailable, ResultsPending, get_lab_client
from .models import LabOrder, LabTest
from .services import store_results, transmit_order

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(LabUnavailable,),
    retry_backoff=30,
    retry_backoff_max=900,
    max_retries=8,
    acks_late=True,
)
def submit_lab_order(order_id):
    """Transmit a queued lab order; lab outages are retried with backoff."""
    order = LabOrder.objects.select_related("appointment__patient__owner").get(pk=order_id)
    if order.status != LabOrder.Status.QUEUED:
        logger.info("lab order %s is %s, not sending", order.pk, order.status)
        return None
    return transmit_order(order)


@shared_task(bind=True, max_retries=36, acks_late=True)
def poll_lab_results(self, order_id):
    """Fetch results for a submitted order; asks again every 20 minutes until they are in."""
    order = LabOrder.objects.get(pk=order_id)
    if order.status != LabOrder.Status.SUBMITTED:
        return 0
    try:
        rows = get_lab_client().fetch_results(order.accession)
    except ResultsPending as exc:
        raise self.retry(exc=exc, countdown=20 * 60)
    except LabUnavailable as exc:
        logger.warning("lab API unavailable while polling %s: %s", order.accession, exc)
        raise self.retry(exc=exc, countdown=5 * 60)
    return store_results(order, rows)


@shared_task
def poll_pending_results():
    """Beat: make sure every submitted order has a poller."""
    ids = list(LabOrder.objects.filter(status=LabOrder.Status.SUBMITTED).values_list("pk", flat=True))
    for order_id in ids:
        poll_lab_results.delay(order_id)
    return len(ids)


@shared_task(autoretry_for=(LabUnavailable,), retry_backoff=60, max_retries=5)
def sync_lab_catalog():
    seen = 0
    for row in get_lab_client().catalogue():
        LabTest.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "sample_type": row["sample_type"], "active": True}
        )
        seen += 1
    return seen
