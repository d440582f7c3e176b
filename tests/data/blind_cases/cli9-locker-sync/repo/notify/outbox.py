"""Queueing and sending of recipient notices (pickup codes, reminders, return notices)."""
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)


class SendError(Exception):
    pass


def queue(template, *, parcel, subject, body):
    """Write one message per channel the recipient has (e-mail and/or SMS)."""
    messages = []
    if parcel.recipient_email:
        messages.append(OutboxMessage(channel=OutboxMessage.Channel.EMAIL, to=parcel.recipient_email,
                                      subject=subject, body=body, template=template,
                                      parcel_ref=parcel.tracking_code))
    if parcel.recipient_phone:
        messages.append(OutboxMessage(channel=OutboxMessage.Channel.SMS, to=parcel.recipient_phone,
                                      body=body[:459], template=template, parcel_ref=parcel.tracking_code))
    return OutboxMessage.objects.bulk_create(messages)


def send_sms(to, text):
    conf = settings.SMS_GATEWAY
    payload = json.dumps({"to": to, "from": conf["SENDER"], "text": text}).encode()
    request = urllib.request.Request(conf["URL"], data=payload, method="POST", headers={
        "Content-Type": "application/json", "X-Api-Key": conf["KEY"],
    })
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status >= 300:
                raise SendError(f"gateway answered {response.status}")
    except (urllib.error.URLError, TimeoutError) as exc:
        raise SendError(str(exc)) from exc


def deliver(message):
    if message.channel == OutboxMessage.Channel.EMAIL:
        try:
            send_mail(message.subject, message.body, None, [message.to])
        except OSError as exc:
            raise SendError(str(exc)) from exc
    else:
        send_sms(message.to, message.body)


def pending(batch_size):
    return OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).order_by("created_at", "id")[:batch_size]


def send_pending(batch_size=100):
    """Send one batch of pending messages. Returns (sent, failed)."""
    max_attempts = settings.PARCELS["OUTBOX_MAX_ATTEMPTS"]
    sent = failed = 0
    for message in list(pending(batch_size)):
        with transaction.atomic():
            locked = (OutboxMessage.objects.select_for_update()
                      .filter(pk=message.pk, status=OutboxMessage.Status.PENDING).first())
            if locked is None:
                continue  # another drainer took it
            locked.attempts += 1
            try:
                deliver(locked)
            except SendError as exc:
                locked.last_error = str(exc)[:250]
                if locked.attempts >= max_attempts:
                    locked.status = OutboxMessage.Status.FAILED
                    failed += 1
                log.warning("outbox %s to %s failed (attempt %d): %s", locked.pk, locked.to, locked.attempts, exc)
            else:
                locked.status = OutboxMessage.Status.SENT
                locked.sent_at = timezone.now()
                sent += 1
            locked.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return sent, failed
