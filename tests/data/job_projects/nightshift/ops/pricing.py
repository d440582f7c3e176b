"""The supplier's price list (a stub: tests edit LIST_PRICES)."""
LIST_PRICES = {}


def list_price(code):
    return LIST_PRICES.get(code, 0)
