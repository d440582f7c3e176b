"""Quote request workflow: fan a request out to the partners, record their answers, expire old requests."""
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from partners.client import PartnerClient, PartnerRejected
from partners.models import Partner

from .models import PartnerQuote, Policy, QuoteRequest

logger = logging.getLogger(__name__)


def new_reference():
    return f"{settings.QUOTE_REFERENCE_PREFIX}-{timezone.now():%y%m}-{secrets.token_hex(3).upper()}"


def open_quote_request(*, product_line, customer_name, customer_email, risk):
    """Create a quote request and ask every active partner that writes the product line for a price."""
    from .actors import fetch_partner_quote

    with transaction.atomic():
        quote_request = QuoteRequest.objects.create(
            reference=new_reference(),
            product_line=product_line,
            customer_name=customer_name,
            customer_email=customer_email,
            risk=risk,
        )
        partners = [p for p in Partner.objects.filter(is_active=True) if p.writes(product_line)]
        partner_quotes = [PartnerQuote.objects.create(request=quote_request, partner=p) for p in partners]
        if not partner_quotes:
            quote_request.status = QuoteRequest.Status.READY
            quote_request.completed_at = timezone.now()
            quote_request.save(update_fields=["status", "completed_at"])

        ids = [pq.pk for pq in partner_quotes]
        transaction.on_commit(lambda: [fetch_partner_quote.send(pk) for pk in ids])

    logger.info("quote request %s opened with %d partner(s)", quote_request.reference, len(ids))
    return quote_request


def build_quote_payload(partner_quote):
    quote_request = partner_quote.request
    return {
        # one reference per partner, so a partner can de-duplicate repeated calls for the same request
        "reference": f"{quote_request.reference}-{partner_quote.partner.code}",
        "product_line": quote_request.product_line,
        "risk": quote_request.risk,
        "proposer": {"name": quote_request.customer_name, "email": quote_request.customer_email},
    }


def collect_partner_quote(partner_quote):
    """Ask the partner for its price and record the answer on ``partner_quote``."""
    PartnerQuote.objects.filter(pk=partner_quote.pk).update(attempts=F("attempts") + 1)
    client = PartnerClient.for_partner(partner_quote.partner)

    try:
        offer = client.request_quote(build_quote_payload(partner_quote))
    except PartnerRejected as exc:
        logger.error("partner %s rejected quote request %s: %s", partner_quote.partner.code,
                     partner_quote.request.reference, exc)
        settle_partner_quote(partner_quote, status=PartnerQuote.Status.ERROR, last_error=str(exc))
        return partner_quote

    if offer is None:
        # no answer from the partner this time; the quote stays pending
        return partner_quote

    if offer.declined:
        settle_partner_quote(partner_quote, status=PartnerQuote.Status.DECLINED, decline_reason=offer.reason)
    else:
        settle_partner_quote(
            partner_quote,
            status=PartnerQuote.Status.QUOTED,
            premium=offer.premium,
            currency=offer.currency,
            partner_quote_id=offer.quote_id,
            valid_until=offer.valid_until,
        )
    return partner_quote


def settle_partner_quote(partner_quote, *, status, **fields):
    with transaction.atomic():
        partner_quote.status = status
        partner_quote.responded_at = timezone.now()
        for name, value in fields.items():
            setattr(partner_quote, name, value)
        partner_quote.save(update_fields=["status", "responded_at", *fields])
        refresh_request_status(partner_quote.request_id)


def mark_partner_unavailable(partner_quote_id, reason):
    """Called once Dramatiq has given up on a partner: the request can be shown without that partner."""
    partner_quote = PartnerQuote.objects.filter(pk=partner_quote_id, status=PartnerQuote.Status.PENDING).first()
    if partner_quote is None:
        return None
    logger.warning("giving up on partner quote %s: %s", partner_quote_id, reason)
    settle_partner_quote(partner_quote, status=PartnerQuote.Status.UNAVAILABLE, last_error=reason)
    return partner_quote


def refresh_request_status(quote_request_id):
    """Mark the request ready once no partner quote is pending any more."""
    quote_request = QuoteRequest.objects.select_for_update().get(pk=quote_request_id)
    if quote_request.status != QuoteRequest.Status.COLLECTING:
        return quote_request
    if not quote_request.partner_quotes.filter(status=PartnerQuote.Status.PENDING).exists():
        quote_request.status = QuoteRequest.Status.READY
        quote_request.completed_at = timezone.now()
        quote_request.save(update_fields=["status", "completed_at"])
        logger.info("quote request %s is ready", quote_request.reference)
    return quote_request


def best_offers(quote_request):
    return list(
        quote_request.partner_quotes.filter(status=PartnerQuote.Status.QUOTED)
        .select_related("partner")
        .order_by("premium")
    )


def start_binding(partner_quote):
    """Create the policy row for the quote the customer picked and queue the bind call."""
    from .actors import bind_policy

    if partner_quote.status != PartnerQuote.Status.QUOTED:
        raise ValueError(f"partner quote {partner_quote.pk} is {partner_quote.status}, not quoted")
    with transaction.atomic():
        policy, created = Policy.objects.get_or_create(partner_quote=partner_quote)
        if created:
            transaction.on_commit(lambda: bind_policy.send(policy.pk))
    return policy


def expire_stale_requests(*, days=None, now=None):
    """Expire quote requests older than the quote validity window that never got bound."""
    days = settings.QUOTE_VALIDITY_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return QuoteRequest.objects.filter(
        status__in=[QuoteRequest.Status.COLLECTING, QuoteRequest.Status.READY],
        created_at__lt=cutoff,
    ).update(status=QuoteRequest.Status.EXPIRED)
