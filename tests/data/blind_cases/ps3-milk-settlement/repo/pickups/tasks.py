import json
import logging
import urllib.error
import urllib.request
from datetime import datetime
from decimal import Decimal

from celery import shared_task
from django.conf import settings

from members.models import Farm

from .models import Tanker, WarmTankAlert

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=120)
def alert_warm_tank(self, farm_code, tanker_code, temp_c, reported_at):
    """A tank above the limit at pickup: record it and text the farm (once per alert)."""
    alert, created = WarmTankAlert.objects.get_or_create(
        farm=Farm.objects.get(code=farm_code),
        tanker=Tanker.objects.get(code=tanker_code),
        reported_at=datetime.fromisoformat(reported_at),
        defaults={"temp_c": Decimal(str(temp_c))},
    )
    if alert.sms_sent or not alert.farm.phone:
        return False
    text = (f"Vale Dairy: your bulk tank was at {alert.temp_c} C at pickup "
            f"(limit {settings.MILK['WARM_TANK_C']} C). Please check the cooling.")
    req = urllib.request.Request(settings.ALERT_SMS_URL, method="POST",
                                 data=json.dumps({"to": alert.farm.phone, "text": text}).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10):
            pass
    except urllib.error.URLError as exc:
        raise self.retry(exc=exc)
    WarmTankAlert.objects.filter(pk=alert.pk).update(sms_sent=True)
    return True
