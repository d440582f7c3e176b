"""Push changed rates to the channel manager.

Each chunk is a separate API call; a rate is marked pushed only after its chunk was accepted, so a failed call is
simply retried on the next run.
"""
import json
import logging
import urllib.request

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from .models import NightlyRate

logger = logging.getLogger(__name__)


class ChannelError(Exception):
    pass


class ChannelClient:
    def __init__(self, base_url=None, timeout=20):
        self.base_url = (base_url or settings.RATEDESK["CHANNEL_MANAGER_URL"]).rstrip("/")
        self.timeout = timeout

    def send(self, channel_property_id, payload):
        body = json.dumps({"property": channel_property_id, "rates": payload}).encode()
        req = urllib.request.Request(f"{self.base_url}/rates", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                if resp.status >= 300:
                    raise ChannelError(f"channel manager answered {resp.status}")
        except OSError as exc:
            raise ChannelError(str(exc)) from exc


def pending_rates(property, include_all=False):
    qs = NightlyRate.objects.filter(room_type__property=property).select_related("room_type")
    if not include_all:
        qs = qs.filter(Q(pushed_at__isnull=True) | Q(pushed_at__lt=F("updated_at")))
    return qs.order_by("night", "room_type__code")


def rate_payload(rate):
    return {
        "room": rate.room_type.channel_room_id or rate.room_type.code,
        "date": rate.night.isoformat(),
        "price": str(rate.amount),
        "currency": settings.RATEDESK["CURRENCY"],
        "min_los": rate.min_stay,
        "stop_sell": rate.closed,
    }


def push_rates(property, client=None, include_all=False):
    client = client or ChannelClient()
    chunk_size = settings.RATEDESK["CHANNEL_PUSH_CHUNK"]
    rates = list(pending_rates(property, include_all=include_all))
    pushed = 0
    for i in range(0, len(rates), chunk_size):
        chunk = rates[i:i + chunk_size]
        client.send(property.channel_property_id or property.code, [rate_payload(r) for r in chunk])
        NightlyRate.objects.filter(pk__in=[r.pk for r in chunk]).update(pushed_at=timezone.now())
        pushed += len(chunk)
        logger.info("pushed %d rate(s) for %s", len(chunk), property.code)
    return pushed
