"""Low-level SMS transports. The gateway picks one from settings.SMS_TRANSPORT."""
import json
import logging
import urllib.error
import urllib.request
import uuid

from django.conf import settings

logger = logging.getLogger(__name__)


class TransportError(Exception):
    """The provider did not accept the message."""


class TextLinkTransport:
    """HTTP client for the TextLink messaging API."""

    timeout = 10

    def __init__(self, api_url=None, api_key=None, sender=None):
        self.api_url = api_url or settings.TEXTLINK_API_URL
        self.api_key = api_key or settings.TEXTLINK_API_KEY
        self.sender = sender or settings.SMS_SENDER_ID

    def send(self, to, body):
        payload = json.dumps({"from": self.sender, "to": to, "text": body}).encode()
        request = urllib.request.Request(
            self.api_url,
            data=payload,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.api_key}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = json.load(response)
        except urllib.error.HTTPError as exc:
            raise TransportError(f"TextLink HTTP {exc.code}: {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError) as exc:
            raise TransportError(f"TextLink unreachable: {exc}") from exc
        if data.get("status") != "queued":
            raise TransportError(f"TextLink refused message: {data.get('error', 'unknown error')}")
        return data["id"]


class ConsoleTransport:
    """Prints messages instead of sending them; handy with runserver."""

    def send(self, to, body):
        message_id = f"console-{uuid.uuid4().hex[:12]}"
        logger.info("SMS to %s [%s]: %s", to, message_id, body)
        return message_id


class DummyTransport:
    """Accepts everything and sends nothing. Used by the test settings."""

    def send(self, to, body):
        return f"dummy-{uuid.uuid4().hex[:12]}"
