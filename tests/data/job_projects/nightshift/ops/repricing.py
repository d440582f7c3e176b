"""Repricing from the supplier's list (the shop's scheduler, hourly)."""
from ops import pricing
from ops.models import Sku
from ops.scheduler import register_job

_PRICE_CACHE = {}


@register_job("hourly")
def reprice_skus():
    """Set every active SKU's price to the supplier's list price."""
    for sku in Sku.objects.filter(active=True):
        if sku.code not in _PRICE_CACHE:
            _PRICE_CACHE[sku.code] = pricing.list_price(sku.code)
        sku.price_cents = _PRICE_CACHE[sku.code]
        sku.save(update_fields=["price_cents"])


@register_job("hourly")
def reprice_inactive_skus():
    """Same for inactive SKUs, with a cache per run."""
    prices = {}
    for sku in Sku.objects.filter(active=False):
        if sku.code not in prices:
            prices[sku.code] = pricing.list_price(sku.code)
        sku.price_cents = prices[sku.code]
        sku.save(update_fields=["price_cents"])
