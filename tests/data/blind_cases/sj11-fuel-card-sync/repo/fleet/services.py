"""Issuing, moving and cancelling fuel cards.

Used by the admin, the provider card-list import and the ops scripts, so that a card's
assignment history ends up in the log the same way whichever way it was changed.
"""
import logging

from django.db import transaction
from django.utils import timezone

from .models import FuelCard, Vehicle

logger = logging.getLogger(__name__)


class CardError(Exception):
    pass


def normalize_card_number(raw):
    """Providers print card numbers with spaces or dashes; we store digits only."""
    digits = "".join(ch for ch in str(raw or "") if ch.isdigit())
    if not 12 <= len(digits) <= 19:
        raise CardError(f"not a fuel card number: {raw!r}")
    return digits


@transaction.atomic
def issue_card(number, vehicle=None, *, expires_on=None, notes=""):
    number = normalize_card_number(number)
    if FuelCard.objects.filter(number=number).exists():
        raise CardError(f"card ****{number[-4:]} already exists")
    card = FuelCard.objects.create(
        number=number,
        vehicle=vehicle,
        assigned_at=timezone.now() if vehicle else None,
        expires_on=expires_on,
        notes=notes,
    )
    logger.info("issued card %s to %s", card.masked_number, vehicle or "spare pool")
    return card


@transaction.atomic
def reassign_card(card, vehicle):
    """Move a card to another vehicle (or back to the spare pool with ``vehicle=None``)."""
    card = FuelCard.objects.select_for_update().get(pk=card.pk)
    if not card.active:
        raise CardError(f"card {card.masked_number} is cancelled")
    if vehicle is not None and not vehicle.active:
        raise CardError(f"vehicle {vehicle.fleet_number} is off the road")
    previous = card.vehicle
    if previous == vehicle:
        return card
    card.vehicle = vehicle
    card.assigned_at = timezone.now() if vehicle else None
    card.save(update_fields=["vehicle", "assigned_at"])
    logger.info("card %s moved from %s to %s", card.masked_number, previous or "spare pool",
                vehicle or "spare pool")
    return card


@transaction.atomic
def cancel_card(card, reason):
    """Stop a card (lost, stolen, vehicle sold). Its transactions are no longer booked."""
    card = FuelCard.objects.select_for_update().get(pk=card.pk)
    card.active = False
    card.notes = f"{card.notes}\ncancelled: {reason}".strip()
    card.save(update_fields=["active", "notes"])
    logger.warning("card %s cancelled (%s)", card.masked_number, reason)
    return card


def vehicle_by_fleet_number(fleet_number):
    try:
        return Vehicle.objects.get(fleet_number=fleet_number.strip().upper())
    except Vehicle.DoesNotExist:
        raise CardError(f"no vehicle {fleet_number!r}") from None
