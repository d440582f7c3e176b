from decimal import ROUND_HALF_UP, Decimal

from .models import PriceSchedule


class PricingError(Exception):
    pass


class PriceBook:
    """Price per tonne lookups for one vintage, loaded once."""

    def __init__(self, vintage):
        self.vintage = vintage
        self._prices = {
            (p.variety_id, p.grade): p.price_per_tonne
            for p in PriceSchedule.objects.filter(vintage=vintage)
        }

    def price_per_tonne(self, variety, grade):
        try:
            return self._prices[(variety.pk, grade)]
        except KeyError:
            raise PricingError(f"no {self.vintage} price for {variety.name} grade {grade}") from None

    def amount(self, ticket):
        block = ticket.block
        tonnes = Decimal(ticket.net_kg) / 1000
        price = self.price_per_tonne(block.variety, ticket.grade)
        return (tonnes * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
