import logging
from datetime import date
from decimal import Decimal

import dramatiq
from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.utils import timezone

from grainco.broker import broker  # noqa: F401  (sets the broker before actors are declared)

from .models import Delivery, Farmer, PriceNotice

logger = logging.getLogger(__name__)


@dramatiq.actor(queue_name="intake", max_retries=3)
def send_delivery_docket(delivery_id):
    delivery = Delivery.objects.select_related("farmer", "silo", "crop").get(pk=delivery_id)
    if not delivery.farmer.email:
        return
    local = timezone.localtime(delivery.delivered_at)
    body = (
        f"Delivery docket {delivery.ticket_no}\n"
        f"{delivery.crop.name} at {delivery.silo.name}, {local:%d %b %Y %H:%M}\n"
        f"Gross {delivery.gross_kg:,} kg  Tare {delivery.tare_kg:,} kg  Net {delivery.net_kg:,} kg\n"
        f"Moisture {delivery.moisture_pct}%  Dockage {delivery.dockage_pct}%\n"
    )
    send_mail(f"Delivery docket {delivery.ticket_no}", body, settings.DEFAULT_FROM_EMAIL, [delivery.farmer.email])
    Delivery.objects.filter(pk=delivery.pk).update(docket_sent_at=timezone.now())


@dramatiq.actor(queue_name="intake", max_retries=3)
def publish_price_notice(notice_id, price, effective_on):
    notice = PriceNotice.objects.select_related("crop").get(pk=notice_id)
    if notice.published_at:
        return
    price = Decimal(price)
    effective_on = date.fromisoformat(effective_on)
    subject = f"{notice.crop.name}: new co-op price {price:,.2f} $/t"
    body = (f"From {effective_on:%d %b %Y} the co-op pays {price:,.2f} $/t for clean "
            f"{notice.crop.name.lower()} (base moisture {notice.crop.base_moisture_pct}%).")
    emails = [f.email for f in Farmer.objects.filter(active=True).exclude(email="")]
    send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails])
    notice.recipients = len(emails)
    notice.published_at = timezone.now()
    notice.save(update_fields=["recipients", "published_at"])
