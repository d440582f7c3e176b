import logging

from django.db import transaction
from django.utils import timezone

from .models import Settlement
from .tasks import send_settlement_statement

logger = logging.getLogger(__name__)


class SettlementError(Exception):
    pass


def approve_settlement(settlement, approved_by=""):
    """Lock the settlement figures and send the farmer their statement."""
    if settlement.status != Settlement.Status.DRAFT:
        raise SettlementError(f"{settlement.number} is already {settlement.status}")
    with transaction.atomic():
        settlement.status = Settlement.Status.APPROVED
        settlement.approved_at = timezone.now()
        settlement.approved_by = approved_by
        settlement.save(update_fields=["status", "approved_at", "approved_by"])
    queue_statement(settlement)
    logger.info("settlement %s approved by %s", settlement.number, approved_by or "-")
    return settlement


def queue_statement(settlement):
    """Hand the approved figures to the statement worker.

    The statement shows the figures as they were approved, so they travel with the
    message instead of being re-read (and possibly rebuilt) by the worker later.
    """
    if settlement.status != Settlement.Status.APPROVED:
        raise SettlementError(f"{settlement.number} is not approved")
    farmer = settlement.farmer
    payload = {
        "settlement_id": settlement.pk,
        "number": settlement.number,
        "farmer": {"member_no": farmer.member_no, "name": farmer.name, "email": farmer.email},
        "crop": settlement.crop.name,
        "period_start": settlement.period_start.isoformat(),
        "period_end": settlement.period_end.isoformat(),
        "price_per_tonne": str(settlement.price_per_tonne),
        "deliveries": [
            {
                "ticket_no": d.ticket_no,
                "delivered_on": timezone.localdate(d.delivered_at).isoformat(),
                "net_kg": d.net_kg,
                "moisture_pct": str(d.moisture_pct),
            }
            for d in settlement.deliveries.order_by("delivered_at")
        ],
        "delivered_tonnes": str(settlement.delivered_tonnes),
        "clean_tonnes": str(settlement.clean_tonnes),
        "gross_amount": str(settlement.gross_amount),
        "deductions": list(settlement.deductions.values("code", "description", "amount")),
        "net_payable": str(settlement.net_payable),
    }
    return send_settlement_statement.send(payload)
