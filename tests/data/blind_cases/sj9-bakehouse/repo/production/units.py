"""Batch and label arithmetic for the sheet and the manifests."""
from functools import lru_cache
from math import ceil

_PLURALS = {"loaf": "loaves", "piece": "pieces", "dozen": "dozen", "tray": "trays"}


def batches_needed(quantity, batch_size):
    if quantity <= 0:
        return 0
    return ceil(quantity / max(batch_size, 1))


@lru_cache(maxsize=256)
def unit_label(unit, quantity):
    """'1 loaf', '12 loaves', '2 dozen'."""
    word = unit if quantity == 1 else _PLURALS.get(unit, unit + "s")
    return f"{quantity} {word}"
