"""Prices for stays and extras (GBP, VAT included)."""
from decimal import ROUND_HALF_UP, Decimal

EXTRA_PRICES = {
    "bath": Decimal("18.00"),
    "nails": Decimal("8.50"),
    "walk": Decimal("6.00"),
    "meds": Decimal("2.50"),  # per night
    "late": Decimal("15.00"),
}

NIGHTLY_RATES = {
    ("dog", "small"): Decimal("38.00"),
    ("dog", "large"): Decimal("44.00"),
    ("cat", "small"): Decimal("24.00"),
}

# 10% off the nightly rate from the 14th night on
LONG_STAY_NIGHTS = 14
LONG_STAY_DISCOUNT = Decimal("0.10")

CENT = Decimal("0.01")


def run_size_for(pet):
    if pet.species == "cat":
        return "small"
    return "large" if pet.weight_kg >= Decimal("25") else "small"


def nightly_rate_for(pet):
    return NIGHTLY_RATES[(pet.species, run_size_for(pet))]


def stay_total(stay):
    """Total price of a stay: nights plus extras, long-stay discount applied."""
    nights = stay.nights
    total = stay.nightly_rate * nights
    if nights >= LONG_STAY_NIGHTS:
        total -= (stay.nightly_rate * (nights - LONG_STAY_NIGHTS + 1) * LONG_STAY_DISCOUNT)
    for extra in stay.extras.all():
        total += extra.total
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def amount_due(stay):
    return max(stay_total(stay) - stay.deposit_paid, Decimal("0.00"))
