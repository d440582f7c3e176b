"""Expiry alerts for partner agencies."""
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from stock.models import Agency, AlertLog, Item


def expiring_items(today=None):
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.PANTRY_ALERT_DAYS)
    return Item.objects.filter(expires_on__isnull=False, expires_on__lte=horizon).order_by("expires_on")


def alert_agencies(items, notify=True):
    """Log one alert per agency and item; email the agencies when ``notify``."""
    sent = 0
    for agency in Agency.objects.all():
        for item in items:
            AlertLog.objects.create(agency=agency, item=item)
        if notify and items:
            lines = "\n".join(f"{i.name} (expires {i.expires_on})" for i in items)
            send_mail("Stock expiring soon", lines, "pantry@example.org", [agency.email])
            sent += 1
    return sent
