import logging

import dramatiq
from django.db import transaction
from django.utils import timezone

from coverwise.broker import broker  # noqa: F401  (declare actors on the project's broker)

from .client import PartnerClient
from .models import Partner, PartnerProduct

logger = logging.getLogger(__name__)


@dramatiq.actor(queue_name="default", max_retries=3, min_backoff=60_000)
def sync_partner_products(partner_id):
    """Refresh a partner's product catalogue. A partner that is down raises, and Dramatiq tries again later."""
    partner = Partner.objects.filter(pk=partner_id, is_active=True).first()
    if partner is None:
        logger.info("partner %s is gone or inactive, not syncing", partner_id)
        return

    products = PartnerClient.for_partner(partner).list_products()

    with transaction.atomic():
        seen = []
        for product in products:
            PartnerProduct.objects.update_or_create(
                partner=partner,
                code=product.code,
                defaults={
                    "name": product.name,
                    "product_line": product.product_line,
                    "is_available": product.available,
                },
            )
            seen.append(product.code)
        withdrawn = partner.products.exclude(code__in=seen).update(is_available=False)
        partner.last_catalogue_sync = timezone.now()
        partner.save(update_fields=["last_catalogue_sync"])

    logger.info("partner %s: %d products synced, %d withdrawn", partner.code, len(seen), withdrawn)
