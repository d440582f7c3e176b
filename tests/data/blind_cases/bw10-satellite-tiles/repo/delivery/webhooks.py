import json
import threading
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string


class DeliveryError(Exception):
    pass


class HttpSender:
    def send(self, url, payload):
        body = json.dumps(payload).encode()
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=settings.DELIVERY_WEBHOOK_TIMEOUT) as resp:
                if resp.status >= 300:
                    raise DeliveryError(f"{url} answered {resp.status}")
        except (urllib.error.URLError, TimeoutError) as exc:
            raise DeliveryError(f"{url}: {exc}") from exc


class MemorySender:
    """Keeps webhooks in memory (tests); URLs in ``failing`` raise DeliveryError."""

    sent = []
    failing = set()
    _lock = threading.Lock()

    def send(self, url, payload):
        if url in self.failing:
            raise DeliveryError(f"{url} answered 503")
        with self._lock:
            self.sent.append((url, payload))


def get_sender():
    return import_string(settings.DELIVERY_SENDER)()


def scene_payload(scene):
    return {
        "event": "scene.ready",
        "scene_id": scene.scene_id,
        "platform": scene.platform,
        "acquired_at": scene.acquired_at.isoformat(),
        "bbox": list(scene.bbox),
        "cloud_cover": scene.cloud_cover,
        "status": scene.status,
    }
