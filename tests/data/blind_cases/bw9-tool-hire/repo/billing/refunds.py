"""Deposit refunds: recorded here, paid out by billing.tasks.refund_deposit."""
import logging
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from .models import DepositRefund

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefundRequest:
    refund_id: int
    rental_id: int
    amount: Decimal
    idempotency_key: UUID
    requested_on: date
    reason: str = "deposit"


def queue_deposit_refund(rental, amount, *, reason="deposit"):
    """Record a refund of `amount` from the rental's deposit and pay it out once committed."""
    from .tasks import refund_deposit

    if amount <= 0:
        raise ValueError("refund amount must be positive")
    refund = DepositRefund.objects.create(rental=rental, amount=amount, requested_on=timezone.localdate())
    request = RefundRequest(refund_id=refund.pk, rental_id=rental.pk, amount=refund.amount,
                            idempotency_key=refund.idempotency_key, requested_on=refund.requested_on,
                            reason=reason)
    transaction.on_commit(lambda: refund_deposit.apply_async(kwargs=asdict(request)))
    logger.info("refund %s of %s queued for rental %s", refund.pk, amount, rental.pk)
    return refund
