"""Delivery of queued OutboxMessages."""
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .gateways import GatewayError, get_sms_gateway
from .models import OutboxMessage

logger = logging.getLogger(__name__)

RETRY_BACKOFF = timedelta(minutes=5)


def pending(now):
    return OutboxMessage.objects.filter(
        Q(send_after__isnull=True) | Q(send_after__lte=now),
        sent_at__isnull=True,
        attempts__lt=settings.OUTBOX_MAX_ATTEMPTS,
    )


def deliver(message, gateway):
    if message.channel == OutboxMessage.Channel.SMS:
        gateway.send(message.recipient, message.body)
    else:
        send_mail(message.subject, message.body, settings.OUTBOX_EMAIL_FROM, [message.recipient])


def flush(now=None, limit=None):
    """Send up to ``limit`` due messages. Returns (sent, failed)."""
    now = now or timezone.now()
    limit = limit or settings.OUTBOX_BATCH_SIZE
    gateway = get_sms_gateway()
    sent = failed = 0
    with transaction.atomic():
        batch = list(pending(now).select_for_update(skip_locked=True)[:limit])
        for message in batch:
            message.attempts += 1
            try:
                deliver(message, gateway)
            except (GatewayError, OSError) as exc:
                failed += 1
                message.last_error = str(exc)[:255]
                message.send_after = now + RETRY_BACKOFF * message.attempts
                logger.warning("outbox %s to %s failed (attempt %d): %s",
                               message.pk, message.recipient, message.attempts, exc)
            else:
                sent += 1
                message.sent_at = now
                message.last_error = ""
            message.save(update_fields=["attempts", "last_error", "send_after", "sent_at"])
    if sent or failed:
        logger.info("outbox flush: %d sent, %d failed", sent, failed)
    return sent, failed
