"""Emails owners about unusually high usage (run by the scheduler every morning)."""
import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

from .models import UsageAlert

log = logging.getLogger(__name__)


def email_usage_alerts(today=None):
    """Email the owner of each meter with a high-usage alert from the last week, once."""
    today = today or timezone.localdate()
    alerts = (UsageAlert.objects.filter(day__gte=today - timedelta(days=7), owner_email_sent_at__isnull=True)
              .exclude(meter__owner_email="").select_related("meter"))
    sent = 0
    for alert in alerts:
        try:
            send_mail("High usage", f"Your meter used {alert.kwh} kWh on {alert.day}.", "grid@example.org",
                      [alert.meter.owner_email])
        except OSError:
            log.exception("usage alert %s not sent", alert.pk)
            continue
        sent += 1
    return sent
