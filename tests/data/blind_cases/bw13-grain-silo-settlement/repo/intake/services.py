"""Intake-side services that hand work to the Dramatiq workers."""
import logging

from django.utils import timezone

from .models import Delivery, PriceNotice
from .tasks import publish_price_notice, send_delivery_docket

logger = logging.getLogger(__name__)


def record_delivery(*, ticket_no, farmer, silo, crop, gross_kg, tare_kg, moisture_pct, dockage_pct=0,
                    delivered_at=None):
    """Store a weighbridge ticket and email the farmer their docket."""
    if tare_kg >= gross_kg:
        raise ValueError(f"ticket {ticket_no}: tare {tare_kg} kg is not below gross {gross_kg} kg")
    delivery = Delivery.objects.create(
        ticket_no=ticket_no, farmer=farmer, silo=silo, crop=crop, gross_kg=gross_kg, tare_kg=tare_kg,
        moisture_pct=moisture_pct, dockage_pct=dockage_pct, delivered_at=delivered_at or timezone.now(),
    )
    request_delivery_docket(delivery)
    return delivery


def request_delivery_docket(delivery):
    # The worker loads the ticket itself; only the id goes on the queue.
    return send_delivery_docket.send(delivery.pk)


def announce_price(crop, price_per_tonne, effective_on):
    """Record a new co-op price and tell the members about it."""
    notice = PriceNotice.objects.create(crop=crop, price_per_tonne=price_per_tonne, effective_on=effective_on)
    publish_price_notice.send_with_options(
        args=(notice.pk,),
        kwargs={"price": str(notice.price_per_tonne), "effective_on": notice.effective_on.isoformat()},
    )
    logger.info("price notice %s queued", notice)
    return notice
