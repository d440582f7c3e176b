"""The warehouse system's API (a stub that records what it was sent)."""
PUSHED = []


def push_stock(sku):
    PUSHED.append(("stock", sku.code, sku.stock))


def push_price(sku):
    PUSHED.append(("price", sku.code, sku.price_cents))


def reindex(codes):
    PUSHED.append(("reindex", tuple(codes)))
