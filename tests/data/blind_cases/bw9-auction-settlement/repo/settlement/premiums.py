"""Buyer's premium, VAT and seller's commission."""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Tier:
    up_to: Decimal | None  # upper bound of the band (hammer price), None for "and above"
    rate: Decimal


# Marginal bands, like income tax: each band's rate applies to the part of the hammer price inside it.
SCHEDULES: dict[str, tuple[Tier, ...]] = {
    "standard": (
        Tier(Decimal("20000"), Decimal("0.25")),
        Tier(Decimal("500000"), Decimal("0.20")),
        Tier(None, Decimal("0.14")),
    ),
    "charity": (Tier(None, Decimal("0.10")),),
}


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=16)
def schedule(code: str) -> tuple[Tier, ...]:
    try:
        tiers = SCHEDULES[code]
    except KeyError:
        raise ValueError(f"unknown premium schedule {code!r}") from None
    bounds = [t.up_to for t in tiers]
    if bounds[-1] is not None or bounds[:-1] != sorted(bounds[:-1]):
        raise ValueError(f"premium schedule {code!r} is malformed")
    return tiers


def buyers_premium(hammer: Decimal, schedule_code: str = "standard") -> Decimal:
    premium, lower = Decimal("0"), Decimal("0")
    for tier in schedule(schedule_code):
        upper = hammer if tier.up_to is None else min(hammer, tier.up_to)
        if upper > lower:
            premium += (upper - lower) * tier.rate
        if tier.up_to is None or hammer <= tier.up_to:
            break
        lower = tier.up_to
    return to_cents(premium)


def vat_on(amount: Decimal, rate: Decimal, *, exempt: bool = False) -> Decimal:
    """VAT is charged on the premium only (margin scheme), never on the hammer price."""
    if exempt:
        return Decimal("0.00")
    return to_cents(amount * rate)


def seller_commission(hammer: Decimal, rate: Decimal, minimum: Decimal) -> Decimal:
    """Commission on a sold lot: ``rate`` of the hammer price, at least ``minimum``, never more than the hammer."""
    return to_cents(min(hammer, max(hammer * rate, minimum)))
