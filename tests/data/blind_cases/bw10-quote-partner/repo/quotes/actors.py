import logging

import dramatiq
from django.conf import settings
from django.utils import timezone

from coverwise.broker import broker  # noqa: F401  (declare actors on the project's broker)
from partners.client import PartnerClient, PartnerError

from . import services
from .models import PartnerQuote, Policy, QuoteRequest

logger = logging.getLogger(__name__)


@dramatiq.actor(
    queue_name="partners",
    max_retries=settings.PARTNER_QUOTE_MAX_RETRIES,
    min_backoff=settings.PARTNER_QUOTE_MIN_BACKOFF_MS,
    max_backoff=settings.PARTNER_QUOTE_MAX_BACKOFF_MS,
    on_retry_exhausted="partner_quote_gave_up",
)
def fetch_partner_quote(partner_quote_id):
    partner_quote = (
        PartnerQuote.objects.select_related("request", "partner").filter(pk=partner_quote_id).first()
    )
    if partner_quote is None:
        logger.warning("partner quote %s no longer exists", partner_quote_id)
        return
    if partner_quote.status != PartnerQuote.Status.PENDING:
        logger.info("partner quote %s is already %s", partner_quote_id, partner_quote.status)
        return
    if partner_quote.request.status != QuoteRequest.Status.COLLECTING:
        logger.info("quote request %s is %s, not asking %s", partner_quote.request.reference,
                    partner_quote.request.status, partner_quote.partner.code)
        return

    services.collect_partner_quote(partner_quote)


@dramatiq.actor(queue_name="partners", max_retries=0)
def partner_quote_gave_up(message_data, retry_info):
    """on_retry_exhausted callback of fetch_partner_quote."""
    partner_quote_id = message_data["args"][0]
    attempts = retry_info.get("retries", 0) + 1
    services.mark_partner_unavailable(partner_quote_id, f"no answer from the partner after {attempts} attempts")


@dramatiq.actor(queue_name="policies", max_retries=0, time_limit=120_000)
def bind_policy(policy_id):
    """Bind the chosen quote with the partner.

    Never retried automatically: a bind that timed out may well have gone through on the partner's side, and a
    second call could bind twice. Failures go to the manual review queue in the admin instead.
    """
    policy = Policy.objects.select_related("partner_quote__partner", "partner_quote__request").get(pk=policy_id)
    if policy.status != Policy.Status.BINDING:
        logger.info("policy %s is already %s", policy_id, policy.status)
        return

    partner_quote = policy.partner_quote
    client = PartnerClient.for_partner(partner_quote.partner)
    try:
        policy_number = client.accept_quote(partner_quote.partner_quote_id,
                                            idempotency_key=str(policy.idempotency_key))
    except PartnerError as exc:
        logger.error("binding %s with %s failed, needs manual review: %s", partner_quote.request.reference,
                     partner_quote.partner.code, exc)
        policy.status = Policy.Status.BIND_FAILED
        policy.last_error = str(exc)
        policy.save(update_fields=["status", "last_error"])
        return

    policy.status = Policy.Status.BOUND
    policy.policy_number = policy_number
    policy.bound_at = timezone.now()
    policy.save(update_fields=["status", "policy_number", "bound_at"])
    QuoteRequest.objects.filter(pk=partner_quote.request_id).update(status=QuoteRequest.Status.BOUND)
    logger.info("quote request %s bound with %s as %s", partner_quote.request.reference,
                partner_quote.partner.code, policy_number)
