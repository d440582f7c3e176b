"""Minimal client for the SMS gateway."""
import json
import logging
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


def normalise_phone(raw):
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not digits.startswith("+"):
        digits = "+1" + digits.lstrip("1")
    return digits


def send_sms(phone, text):
    if not settings.SMS_GATEWAY_URL:
        logger.info("SMS to %s (not sent, no gateway): %s", phone, text)
        return "dry-run"
    payload = json.dumps({"to": normalise_phone(phone), "from": settings.SMS_SENDER, "text": text}).encode()
    req = Request(settings.SMS_GATEWAY_URL, data=payload, method="POST",
                  headers={"Authorization": f"Key {settings.SMS_GATEWAY_KEY}", "Content-Type": "application/json"})
    try:
        with urlopen(req, timeout=10) as resp:
            return json.load(resp).get("id", "")
    except (URLError, ValueError) as exc:
        raise SmsError(str(exc)) from exc
