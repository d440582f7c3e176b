"""The house bidding increments: how much the next bid must be above the current one."""
from decimal import Decimal

# (from amount, increment). Read top-down: the first row whose "from" is <= the current bid applies.
INCREMENTS = (
    (Decimal("50000"), Decimal("5000")),
    (Decimal("20000"), Decimal("2000")),
    (Decimal("10000"), Decimal("1000")),
    (Decimal("5000"), Decimal("500")),
    (Decimal("2000"), Decimal("200")),
    (Decimal("1000"), Decimal("100")),
    (Decimal("500"), Decimal("50")),
    (Decimal("200"), Decimal("20")),
    (Decimal("100"), Decimal("10")),
    (Decimal("0"), Decimal("5")),
)


def increment_at(amount: Decimal) -> Decimal:
    for start, step in INCREMENTS:
        if amount >= start:
            return step
    raise ValueError(f"negative bid amount {amount}")


def next_bid(amount: Decimal) -> Decimal:
    """The lowest bid the auctioneer accepts after ``amount``."""
    return amount + increment_at(amount)


def is_acceptable(current: Decimal | None, proposed: Decimal, opening: Decimal | None = None) -> bool:
    if current is None:
        return proposed >= (opening or Decimal("1"))
    return proposed >= next_bid(current)
