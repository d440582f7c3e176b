"""The bank's transfer API (a stub that records transfers)."""
TRANSFERS = []


def transfer(vendor, amount_cents):
    TRANSFERS.append((vendor, amount_cents))
