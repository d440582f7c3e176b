"""Selling and refunding tickets for a time slot."""
import logging
import secrets

from django.db import transaction
from django.db.models import F

from .models import Ticket, TimeSlot

logger = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class SoldOut(Exception):
    pass


def new_ticket_code():
    return "GL-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def sell_ticket(slot, *, party_size, holder_name, email="", member=None):
    """Reserve ``party_size`` places in ``slot`` and issue one ticket for them."""
    if party_size < 1:
        raise ValueError("party_size must be at least 1")
    with transaction.atomic():
        # conditional UPDATE: two buyers for the last places cannot both win
        reserved = TimeSlot.objects.filter(
            pk=slot.pk, is_closed=False, sold__lte=F("capacity") - party_size
        ).update(sold=F("sold") + party_size)
        if not reserved:
            raise SoldOut(f"only {slot.remaining} places left in {slot}")
        ticket = Ticket.objects.create(
            code=new_ticket_code(), slot=slot, party_size=party_size,
            holder_name=holder_name, email=email, member=member,
        )
    logger.info("sold %s (%d) for slot %s", ticket.code, party_size, slot.pk)
    return ticket


def refund_ticket(ticket):
    """Give the places back; admitted tickets cannot be refunded."""
    with transaction.atomic():
        changed = Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.ISSUED).update(
            status=Ticket.Status.REFUNDED
        )
        if not changed:
            return False
        TimeSlot.objects.filter(pk=ticket.slot_id).update(sold=F("sold") - ticket.party_size)
    logger.info("refunded %s", ticket.code)
    return True
