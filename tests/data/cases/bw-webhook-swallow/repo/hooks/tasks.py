import json
import logging
from datetime import timedelta
from urllib.error import URLError

from celery import shared_task
from django.utils import timezone

from .models import Delivery, Endpoint
from .transport import get_transport, sign

logger = logging.getLogger(__name__)


def _body(delivery):
    return json.dumps({"event": delivery.event, "data": delivery.payload}, sort_keys=True).encode()


@shared_task(bind=True, max_retries=6, default_retry_delay=30, acks_late=True)
def deliver_webhook(self, delivery_id):
    """POST one event to one subscriber endpoint; the receiver being briefly down is retried."""
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.status != Delivery.Status.PENDING:
        return delivery.status
    body = _body(delivery)
    headers = {"Content-Type": "application/json", "X-Shopwire-Signature": sign(delivery.endpoint.secret, body)}
    try:
        code = get_transport().post(delivery.endpoint.url, body, headers)
    except (URLError, TimeoutError, ConnectionError) as exc:
        delivery.record_attempt(error=str(exc))
        logger.warning("webhook %s to %s failed: %s", delivery.pk, delivery.endpoint.url, exc)
        delivery.mark_failed(str(exc))
        return "failed"
    delivery.record_attempt()
    delivery.mark_delivered(code)
    return "delivered"


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def ping_endpoint(self, endpoint_id):
    endpoint = Endpoint.objects.get(pk=endpoint_id)
    try:
        get_transport().post(endpoint.url, b'{"event": "ping"}', {"Content-Type": "application/json"})
    except (URLError, TimeoutError) as exc:
        logger.info("ping to %s failed: %s", endpoint.url, exc)
        raise self.retry(exc=exc)
    Endpoint.objects.filter(pk=endpoint.pk).update(last_ping_ok=True)
    return True


@shared_task
def requeue_pending():
    """Safety net: queue deliveries that have been pending for a while (lost messages)."""
    cutoff = timezone.now() - timedelta(minutes=30)
    ids = list(Delivery.objects.filter(status=Delivery.Status.PENDING, created_at__lt=cutoff)
               .values_list("pk", flat=True))
    for delivery_id in ids:
        deliver_webhook.delay(delivery_id)
    return len(ids)
