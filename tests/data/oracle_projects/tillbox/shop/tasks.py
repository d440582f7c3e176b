import logging

from celery import shared_task

from . import gateway
from .gateway import GatewayError, GatewayTimeout
from .models import Order

logger = logging.getLogger(__name__)


@shared_task
def send_receipt(order_id):
    order = Order.objects.get(pk=order_id)
    logger.info("receipt for order %s", order.pk)
    return order.pk


@shared_task(autoretry_for=(GatewayTimeout,), retry_backoff=False, max_retries=2)
def sync_order(order_id):
    order = Order.objects.get(pk=order_id)
    try:
        gateway.push(order.pk, order.total)
    except GatewayError as exc:
        logger.warning("order %s not synced: %s", order.pk, exc)
        return None
    Order.objects.filter(pk=order.pk).update(status="synced")
    return order.pk
