"""SMS gateways. The HTTP one talks to our provider; the memory one is for tests and local dev."""
import json
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string


class GatewayError(Exception):
    pass


class HttpSmsGateway:
    def send(self, to, text):
        payload = json.dumps({"to": to, "text": text, "from": "CedarHollow"}).encode()
        req = urllib.request.Request(settings.SMS_API_URL, data=payload, method="POST", headers={
            "Authorization": f"Bearer {settings.SMS_API_TOKEN}",
            "Content-Type": "application/json",
        })
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return json.load(resp).get("id", "")
        except OSError as exc:
            raise GatewayError(str(exc)) from exc


class MemoryGateway:
    sent = []

    def send(self, to, text):
        MemoryGateway.sent.append((to, text))
        return f"mem-{len(MemoryGateway.sent)}"


def get_sms_gateway():
    return import_string(settings.OUTBOX_SMS_GATEWAY)()
