"""Price and stock feeds for the comparison sites (the shop's scheduler, nightly)."""
import os
import tempfile

from ops.models import Sku
from ops.scheduler import register_job

FEED_DIR = os.path.join(tempfile.gettempdir(), "nightshift-feeds")


def _line(sku, value):
    return f"{sku.code};{value}\n"


@register_job("nightly")
def write_price_feed():
    os.makedirs(FEED_DIR, exist_ok=True)
    fh = open(os.path.join(FEED_DIR, "prices.csv"), "w")
    for sku in Sku.objects.filter(active=True).order_by("code"):
        fh.write(_line(sku, sku.price_cents))
    fh.close()


@register_job("nightly")
def write_stock_feed():
    os.makedirs(FEED_DIR, exist_ok=True)
    with open(os.path.join(FEED_DIR, "stock.csv"), "w") as fh:
        for sku in Sku.objects.filter(active=True).order_by("code"):
            fh.write(_line(sku, sku.stock))
