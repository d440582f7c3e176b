"""HTTP transport for outgoing webhooks (swappable in tests via HOOKS_TRANSPORT)."""
import hashlib
import hmac
import json
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string


def sign(secret, body):
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class UrllibTransport:
    def post(self, url, body, headers):
        request = Request(url, data=body, headers=headers, method="POST")
        with urlopen(request, timeout=settings.HOOKS_TIMEOUT) as resp:
            return resp.status


class RecordingTransport:
    """Accepts everything; used by the test settings."""

    sent = []

    def post(self, url, body, headers):
        RecordingTransport.sent.append((url, json.loads(body), headers))
        return 200


def get_transport():
    return import_string(settings.HOOKS_TRANSPORT)()
