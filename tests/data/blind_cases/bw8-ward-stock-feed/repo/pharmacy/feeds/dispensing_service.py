"""Pushes dispensing events recorded on the ward tablets back to the cabinet vendor."""
import logging

from django.utils import timezone

from ..models import DispensingEvent
from .client import FeedClient, FeedUnavailable

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


class DispensingPushService:
    def __init__(self, client=None):
        self.client = client or FeedClient.from_settings()

    @staticmethod
    def serialize(event):
        return {
            "id": event.pk,
            "item": event.drug.code,
            "qty": event.quantity,
            "patient": event.patient_ref,
            "at": event.dispensed_at.isoformat(),
        }

    def pending(self, ward):
        return (DispensingEvent.objects.filter(ward=ward, pushed_at__isnull=True)
                .select_related("drug").order_by("dispensed_at")[:BATCH_SIZE])

    def push_pending(self, ward):
        """Push one batch of un-pushed events; return how many were accepted."""
        events = list(self.pending(ward))
        if not events:
            return 0
        body = {"ward": ward.code, "events": [self.serialize(e) for e in events]}
        try:
            reply = self.client.post_json(f"/wards/{ward.code}/dispensing", body)
        except FeedUnavailable as exc:
            logger.warning("dispensing push for ward %s failed, will retry: %s", ward.code, exc)
            raise
        accepted = set(reply.get("accepted", [e.pk for e in events]))
        DispensingEvent.objects.filter(pk__in=accepted).update(pushed_at=timezone.now())
        return len(accepted)
