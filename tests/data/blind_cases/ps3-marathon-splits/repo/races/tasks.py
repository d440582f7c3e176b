import json
import logging
import urllib.error
import urllib.request

from celery import shared_task
from django.conf import settings

from .models import Result

logger = logging.getLogger(__name__)


def format_duration(seconds):
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def send_result_sms(self, result_id):
    """Text the runner their official chip time (only for official results with a phone number)."""
    result = Result.objects.select_related("entry__race").get(pk=result_id)
    if result.status != Result.Status.OFFICIAL or not result.entry.phone:
        return False
    body = (f"{result.entry.race.name}: bib {result.entry.bib}, chip time {format_duration(result.chip_time_s)}, "
            f"place {result.overall_place}. Well done!")
    req = urllib.request.Request(
        settings.SMS_GATEWAY_URL, data=json.dumps({"to": result.entry.phone, "text": body}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return 200 <= resp.status < 300
    except urllib.error.URLError as exc:
        raise self.retry(exc=exc)
