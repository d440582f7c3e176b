"""Catalogue jobs (the shop's scheduler, nightly): supplier tags and the storefront's price list."""
from django.utils import timezone

from ops.models import PriceList, PriceListEntry, Sku, SkuTag
from ops.scheduler import register_job

SUPPLIER_TAGS = {"FRESH": ("chilled", "perishable"), "DRY": ("shelf",)}


@register_job("nightly")
def sync_sku_tags():
    """Add the supplier's tags each SKU lacks (safe to rerun: only missing tags are created)."""
    for sku in Sku.objects.filter(active=True):
        wanted = set(SUPPLIER_TAGS.get(sku.code.split("-")[0], ()))
        existing = set(SkuTag.objects.filter(sku=sku).values_list("tag", flat=True))
        for tag in sorted(wanted - existing):
            SkuTag.objects.create(sku=sku, tag=tag, source="supplier")


@register_job("nightly")
def publish_price_list():
    """A new price list per run: its entries belong to the list this run creates."""
    price_list = PriceList.objects.create(name=f"prices {timezone.localdate():%Y-%m-%d}")
    for sku in Sku.objects.filter(active=True):
        PriceListEntry.objects.create(price_list=price_list, sku=sku, price_cents=sku.price_cents)


@register_job("nightly")
def tag_featured():
    """Tag every active SKU as featured: a rerun hits the (sku, tag) constraint on the first SKU."""
    for sku in Sku.objects.filter(active=True):
        SkuTag.objects.create(sku=sku, tag="featured", source="merchandising")
