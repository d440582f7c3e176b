import logging
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from hire.models import Rental

from .gateway import GatewayError, GatewayUnavailable, get_gateway
from .models import DepositRefund, Invoice, InvoiceLine
from .refunds import queue_deposit_refund

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")


def _money(value):
    return Decimal(value).quantize(CENT)


def invoice_number(rental, issued_at):
    return f"TS{timezone.localtime(issued_at):%y}-{rental.pk:06d}"


@shared_task(acks_late=True)
def settle_rental(rental_id, reference, returned_at, checked_in_by, deposit_held,
                  late_fees=None, damage=(), cleaning_fee="0.00"):
    """Issue the final invoice for a returned rental and refund what is left of the deposit.

    late_fees: the late fee for each chargeable day, by day.
    damage: [{"line_id": ..., "fee": ..., "note": ...}, ...] as recorded at the counter.
    """
    with transaction.atomic():
        rental = (
            Rental.objects.select_for_update()
            .select_related("customer", "branch")
            .get(pk=rental_id)
        )
        existing = Invoice.objects.filter(rental=rental).first()
        if existing is not None:
            logger.info("rental %s already settled as %s", rental_id, existing.number)
            return existing.number
        if rental.status != Rental.Status.RETURNED:
            logger.warning("rental %s is %s, not settling it", rental_id, rental.status)
            return None

        issued_at = timezone.now()
        invoice = Invoice.objects.create(rental=rental, number=invoice_number(rental, issued_at),
                                         issued_at=issued_at)
        lines = []
        for day, fee in sorted((late_fees or {}).items()):
            lines.append(InvoiceLine(invoice=invoice, kind=InvoiceLine.Kind.LATE,
                                     description=f"Late return: {day}", amount=_money(fee)))
        tools = {line.pk: line.tool.name for line in rental.lines.select_related("tool")}
        for item in damage:
            name = tools.get(item["line_id"], "tool")
            text = f"Damage: {name}" + (f" ({item['note']})" if item.get("note") else "")
            lines.append(InvoiceLine(invoice=invoice, kind=InvoiceLine.Kind.DAMAGE,
                                     description=text[:255], amount=_money(item["fee"])))
        if _money(cleaning_fee) > 0:
            lines.append(InvoiceLine(invoice=invoice, kind=InvoiceLine.Kind.CLEANING,
                                     description="Cleaning", amount=_money(cleaning_fee)))
        InvoiceLine.objects.bulk_create(lines)

        deposit = _money(deposit_held)
        extras = sum((line.amount for line in lines), Decimal("0.00"))
        applied = min(extras, deposit)
        invoice.extras_total = extras
        invoice.deposit_applied = applied
        invoice.refund_due = deposit - applied
        invoice.balance_due = extras - applied
        invoice.status = Invoice.Status.PAID if invoice.balance_due == 0 else Invoice.Status.ISSUED
        invoice.save()

        rental.status = Rental.Status.SETTLED
        rental.save(update_fields=["status", "updated_at"])

        if invoice.refund_due > 0:
            queue_deposit_refund(rental, invoice.refund_due)

    if rental.customer.email:
        summary = "\n".join(f"{line.description}: £{line.amount}" for line in lines) or "No extra charges."
        send_mail(
            f"Your final invoice {invoice.number}",
            f"Hello {rental.customer.name},\n\nthanks for returning your hire to {rental.branch.name}.\n\n"
            f"{summary}\n\nDeposit held: £{deposit}\nRefunded to your card: £{invoice.refund_due}\n"
            f"Still to pay: £{invoice.balance_due}\n",
            settings.DEFAULT_FROM_EMAIL,
            [rental.customer.email],
        )
    logger.info("rental %s (%s) settled: extras %s, refund %s, checked in by %s at %s",
                rental_id, reference, extras, invoice.refund_due, checked_in_by, returned_at)
    return invoice.number


@shared_task(bind=True, acks_late=True, autoretry_for=(GatewayUnavailable,), retry_backoff=30,
             retry_backoff_max=1800, max_retries=8)
def refund_deposit(self, refund_id, rental_id, amount, idempotency_key, requested_on, reason="deposit"):
    refund = DepositRefund.objects.select_related("rental").get(pk=refund_id)
    if refund.status == DepositRefund.Status.SENT:
        return refund.gateway_ref
    try:
        ref = get_gateway().refund(
            payment_reference=str(refund.rental.reference),
            amount=_money(amount),
            idempotency_key=str(idempotency_key),
        )
    except GatewayUnavailable:
        raise
    except GatewayError as exc:
        DepositRefund.objects.filter(pk=refund.pk).update(status=DepositRefund.Status.FAILED, last_error=str(exc))
        logger.error("refund %s for rental %s refused: %s", refund_id, rental_id, exc)
        return None
    DepositRefund.objects.filter(pk=refund.pk).update(
        status=DepositRefund.Status.SENT, gateway_ref=ref, sent_at=timezone.now())
    logger.info("refund %s (%s, %s, requested %s) sent as %s", refund_id, amount, reason, requested_on, ref)
    return ref
