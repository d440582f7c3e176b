import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage
from .publishers import PublishError

logger = logging.getLogger("agromet.outbox")

MAX_BACKOFF = timedelta(hours=1)


def enqueue(topic, payload, *, key):
    """Add a message unless one with the same key exists. Returns True if it was added."""
    _, created = OutboxMessage.objects.get_or_create(key=key, defaults={"topic": topic, "payload": payload})
    return created


def backoff(attempts):
    return min(timedelta(seconds=30 * 2 ** (attempts - 1)), MAX_BACKOFF)


@dataclass
class DrainResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0


def drain_once(publisher, *, batch_size=50, now=None):
    """Deliver up to ``batch_size`` due messages, oldest first."""
    now = now or timezone.now()
    result = DrainResult()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:batch_size]
        )
        result.claimed = len(due)
        for message in due:
            message.attempts += 1
            try:
                publisher.publish(message)
            except PublishError as exc:
                result.failed += 1
                message.last_error = str(exc)
                if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                    message.status = OutboxMessage.Status.DEAD
                    logger.error("outbox %s: giving up after %d attempts: %s", message.key, message.attempts, exc)
                else:
                    message.next_attempt_at = now + backoff(message.attempts)
            else:
                result.sent += 1
                message.status = OutboxMessage.Status.SENT
                message.sent_at = timezone.now()
                message.last_error = ""
            message.save(update_fields=["attempts", "status", "next_attempt_at", "last_error", "sent_at"])
    return result
