from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Material, PriceHistory


def payout_per_kg(material):
    """What we pay a customer per kg: the buyer's price less our margin, rounded down to the cent."""
    if material.buyer_price_per_tonne is None:
        return None
    factor = Decimal(100 - settings.DEPOT_MARGIN_PCT) / Decimal(100)
    return (material.buyer_price_per_tonne * factor / Decimal(1000)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


@transaction.atomic
def apply_quotes(quotes, now=None):
    """Store the buyer's quotes and move each material to its newest price. Returns the number updated."""
    now = now or timezone.now()
    by_code = {m.code: m for m in Material.objects.select_for_update()}
    updated = 0
    for quote in quotes:
        material = by_code.get(quote.grade)
        if material is None:
            continue
        PriceHistory.objects.update_or_create(
            material=material, quoted_on=quote.quoted_on, defaults={"price_per_tonne": quote.price_per_tonne}
        )
        material.buyer_price_per_tonne = quote.price_per_tonne
        material.price_updated_at = now
        material.accepting = True
        material.save(update_fields=["buyer_price_per_tonne", "price_updated_at", "accepting"])
        updated += 1
    return updated
