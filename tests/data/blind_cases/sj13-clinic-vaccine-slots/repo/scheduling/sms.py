import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class HttpSmsGateway:
    def send(self, to, text):
        payload = json.dumps({"from": settings.SMS_SENDER, "to": to, "text": text}).encode()
        request = urllib.request.Request(settings.SMS_API_URL, data=payload, method="POST", headers={
            "Authorization": f"Bearer {settings.SMS_API_KEY}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response).get("id", "")
        except OSError as exc:
            raise SmsError(str(exc)) from exc


class MemoryGateway:
    """Keeps messages in ``MemoryGateway.outbox`` (tests, local development)."""

    outbox = []

    def send(self, to, text):
        MemoryGateway.outbox.append((to, text))
        return f"mem-{len(MemoryGateway.outbox)}"


def get_sms_gateway():
    return import_string(settings.SMS_GATEWAY)()
