import hashlib
import hmac
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.module_loading import import_string


class PublishError(Exception):
    pass


class WebhookPublisher:
    """POSTs each message as JSON, signed with HMAC-SHA256 over the body."""

    def __init__(self, url=None, secret=None, timeout=10):
        self.url = url or settings.OUTBOX_WEBHOOK_URL
        self.secret = (secret or settings.OUTBOX_WEBHOOK_SECRET).encode()
        self.timeout = timeout

    def publish(self, message):
        body = json.dumps(
            {"id": message.pk, "topic": message.topic, "key": message.key, "payload": message.payload},
            cls=DjangoJSONEncoder,
        ).encode()
        signature = hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "X-Agromet-Signature": f"sha256={signature}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if response.status >= 300:
                    raise PublishError(f"webhook answered {response.status}")
        except (urllib.error.URLError, OSError) as exc:
            raise PublishError(str(exc)) from exc


class MemoryPublisher:
    """Keeps published messages in a list (local development, tests)."""

    sent = []
    fail_topics = set()

    def publish(self, message):
        if message.topic in self.fail_topics:
            raise PublishError(f"subscriber rejected {message.topic}")
        MemoryPublisher.sent.append((message.topic, message.key, message.payload))


def get_publisher():
    return import_string(settings.OUTBOX_PUBLISHER)()
