import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import OneOffOrder
from .units import unit_label

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_kwargs={"max_retries": 5})
def email_order_confirmation(order_id):
    order = OneOffOrder.objects.select_related("customer", "product").filter(pk=order_id).first()
    if order is None or order.cancelled or order.confirmation_sent_at is not None:
        return False
    if not order.customer.email:
        logger.info("order %s: customer %s has no e-mail", order.pk, order.customer.code)
        return False
    body = (
        f"Hello {order.customer.name},\n\n"
        f"We have your order for {unit_label(order.product.unit, order.quantity)} of {order.product.name}, "
        f"delivered on {order.delivery_day:%A %d %B} with your usual round.\n\nCrumbline Bakehouse\n"
    )
    send_mail(f"Order confirmed for {order.delivery_day:%d %b}", body, settings.DEFAULT_FROM_EMAIL,
              [order.customer.email])
    OneOffOrder.objects.filter(pk=order.pk).update(confirmation_sent_at=timezone.now())
    return True
