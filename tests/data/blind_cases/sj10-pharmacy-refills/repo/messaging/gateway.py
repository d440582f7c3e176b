"""Project-wide SMS client.

All patient texts go through ``SmsGateway.send`` so that every message lands in
``OutboundMessage`` (the audit trail the state board asks us for) regardless of
which transport is configured.
"""
import logging
import re

from django.conf import settings
from django.utils.module_loading import import_string

from .models import OutboundMessage
from .transports import TransportError

logger = logging.getLogger(__name__)

_NON_DIGITS = re.compile(r"\D+")


class SmsGatewayError(Exception):
    """Raised when a message could not be handed to the provider."""


class InvalidPhoneNumber(SmsGatewayError):
    pass


def normalize_phone(raw):
    """Return ``raw`` as an E.164 number (US numbers without country code get +1)."""
    if not raw:
        raise InvalidPhoneNumber("empty phone number")
    digits = _NON_DIGITS.sub("", raw)
    if raw.strip().startswith("+"):
        number = digits
    elif len(digits) == 10:
        number = settings.SMS_DEFAULT_COUNTRY_CODE + digits
    else:
        number = digits
    if not 11 <= len(number) <= 15:
        raise InvalidPhoneNumber(f"not a valid mobile number: {raw!r}")
    return "+" + number


class SmsGateway:
    def __init__(self, transport=None):
        if transport is None:
            transport = import_string(settings.SMS_TRANSPORT)()
        self.transport = transport

    def send(self, to, body, *, category, reference=""):
        """Send one SMS and record it. Returns the ``OutboundMessage``.

        Raises ``SmsGatewayError`` if the number is invalid or the provider
        refuses the message; refused messages are recorded as well.
        """
        number = normalize_phone(to)
        try:
            provider_id = self.transport.send(number, body)
        except TransportError as exc:
            OutboundMessage.objects.create(
                to=number,
                body=body,
                category=category,
                reference=reference,
                status=OutboundMessage.Status.REJECTED,
                error=str(exc),
            )
            logger.warning("SMS %s to %s rejected: %s", category, number, exc)
            raise SmsGatewayError(str(exc)) from exc
        return OutboundMessage.objects.create(
            to=number,
            body=body,
            category=category,
            reference=reference,
            status=OutboundMessage.Status.ACCEPTED,
            provider_message_id=provider_id,
        )
