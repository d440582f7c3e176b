"""RQ jobs of the settlement and notices queues.

Jobs stay thin: load what they need by id, call the service, return something JSON-friendly for the job result.
The worker runs outside the request cycle, so each job closes stale DB connections itself.
"""
import logging

from django.db import close_old_connections, transaction
from django.utils import timezone

from catalogue.models import Sale
from gavelhouse.queues import enqueue

from .notices import BuyerInvoiceMailer, PaymentReminder, UnderbidderNotifier
from .services import SaleSettlement

logger = logging.getLogger(__name__)


def settle_sale(sale_id: int) -> dict:
    close_old_connections()
    try:
        sale = Sale.objects.get(pk=sale_id)
        summary = SaleSettlement(sale).run()
    finally:
        close_old_connections()
    enqueue("notices", send_buyer_invoices, sale_id)
    enqueue("notices", notify_underbidders, sale_id)
    return summary.as_dict()


def send_buyer_invoices(sale_id: int) -> int:
    close_old_connections()
    try:
        sent = BuyerInvoiceMailer(Sale.objects.get(pk=sale_id)).run()
    finally:
        close_old_connections()
    logger.info("sale %s: %s invoices e-mailed", sale_id, sent)
    return sent


def notify_underbidders(sale_id: int) -> int:
    close_old_connections()
    try:
        sent = UnderbidderNotifier(Sale.objects.get(pk=sale_id)).run()
    finally:
        close_old_connections()
    logger.info("sale %s: %s underbidders notified", sale_id, sent)
    return sent


def send_payment_reminders() -> int:
    close_old_connections()
    try:
        return PaymentReminder().run()
    finally:
        close_old_connections()


def close_due_sales() -> list[int]:
    """Close every open sale whose closing time has passed and queue its settlement once that is committed."""
    close_old_connections()
    closed = []
    try:
        with transaction.atomic():
            due = Sale.objects.select_for_update().filter(status=Sale.Status.OPEN, closes_at__lte=timezone.now())
            for sale in due:
                sale.status = Sale.Status.CLOSED
                sale.save(update_fields=["status"])
                closed.append(sale.pk)
                transaction.on_commit(
                    lambda pk=sale.pk, code=sale.code: enqueue("settlement", settle_sale, pk, job_id=f"settle-{code}")
                )
    finally:
        close_old_connections()
    if closed:
        logger.info("closed %s sale(s): %s", len(closed), closed)
    return closed
