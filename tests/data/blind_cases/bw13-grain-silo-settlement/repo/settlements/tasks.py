import logging

import dramatiq
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from grainco.broker import broker  # noqa: F401  (sets the broker before actors are declared)

from .models import Statement
from .statements import money, render_statement

logger = logging.getLogger(__name__)


@dramatiq.actor(queue_name="statements", max_retries=5, min_backoff=60_000)
def send_settlement_statement(statement):
    """Render the statement for an approved settlement, keep a copy and email it to the member."""
    settlement_id = statement["settlement_id"]
    if Statement.objects.filter(settlement_id=settlement_id).exists():
        logger.info("statement %s already sent, skipping", statement["number"])
        return
    body = render_statement(statement)
    email = statement["farmer"]["email"]
    with transaction.atomic():
        Statement.objects.create(
            settlement_id=settlement_id,
            emailed_to=email,
            deductions_total=sum((money(d["amount"]) for d in statement["deductions"]), money(0)),
            net_payable=money(statement["net_payable"]),
            body=body,
        )
        if email:
            EmailMessage(
                subject=f"{settings.COOP_NAME}: settlement statement {statement['number']}",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email],
            ).send()
    logger.info("statement %s sent to %s", statement["number"], email or "(no email on file)")
