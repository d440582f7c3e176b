"""Readings pushed by the head-end system (one JSON batch per gateway)."""
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from .models import Meter, Reading


def ingest_batch(batch):
    """Store a batch of readings; a reading re-sent by the gateway is stored once."""
    stored = 0
    for item in batch:
        meter, _ = Meter.objects.get_or_create(serial=item["serial"], defaults={"customer_ref": item["customer"]})
        taken_at = datetime.fromisoformat(item["taken_at"])
        _, created = Reading.objects.get_or_create(meter=meter, taken_at=taken_at,
                                                   defaults={"kwh": Decimal(str(item["kwh"]))})
        stored += created
        Meter.objects.filter(pk=meter.pk).update(last_seen_at=timezone.now())
    return stored
