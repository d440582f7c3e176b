"""Matching the card number on a provider transaction to one of our cards and its vehicle."""
import logging
from dataclasses import dataclass

from fleet.models import FuelCard
from fleet.services import CardError, normalize_card_number

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CardRef:
    card_id: int
    vehicle_id: int
    fleet_number: str


def _bookable_cards():
    """Cards whose transactions we book: active and assigned to a vehicle."""
    return FuelCard.objects.filter(active=True, vehicle__isnull=False).select_related("vehicle")


def _ref(card):
    return CardRef(card_id=card.pk, vehicle_id=card.vehicle_id, fleet_number=card.vehicle.fleet_number)


def clean_number(raw):
    try:
        return normalize_card_number(raw)
    except CardError:
        return None


def load_card_index():
    """Every bookable card, keyed by card number."""
    return {card.number: _ref(card) for card in _bookable_cards()}


class CardDirectory:
    """Resolves provider card numbers for the transaction sync.

    A sync run sees a few hundred transactions from the same few hundred cards, so each card is
    looked up once and remembered.
    """

    _refs: dict[str, CardRef] = {}

    def resolve(self, raw_number):
        """Return the CardRef for a card number, or None for unknown/cancelled/spare cards."""
        number = clean_number(raw_number)
        if number is None:
            return None
        ref = self._refs.get(number)
        if ref is None:
            card = _bookable_cards().filter(number=number).first()
            if card is None:
                return None
            ref = self._refs[number] = _ref(card)
        return ref
