"""Messages to owners. E-mail always; SMS as well when the owner opted in (sent through the mail-to-SMS gateway)."""
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)

SMS_GATEWAY_DOMAIN = "sms.gateway.example"


class NotificationError(Exception):
    """Temporary problem talking to the mail relay; the task retries."""


def _sms_address(phone):
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"{digits}@{SMS_GATEWAY_DOMAIN}" if digits else None


def notify_owner(owner, subject, body, sms_text=None):
    recipients = [owner.email]
    messages = [EmailMessage(subject=f"{settings.LODGE_NAME}: {subject}", body=body, to=recipients)]
    if owner.wants_sms and sms_text:
        address = _sms_address(owner.phone)
        if address:
            messages.append(EmailMessage(subject="", body=sms_text[:160], to=[address]))
    try:
        for message in messages:
            message.send()
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError, TimeoutError) as exc:
        raise NotificationError(str(exc)) from exc
    return len(messages)


def notify_care_team(subject, body):
    EmailMessage(subject=f"[care] {subject}", body=body, to=[settings.LODGE_CARE_TEAM_EMAIL]).send()
