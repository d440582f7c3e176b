"""Month-end documents (the shop's scheduler, on the 1st)."""
from django.utils import timezone

from ops.models import Payout, Sku, Statement, StockSnapshot
from ops.scheduler import register_job


@register_job("monthly")
def build_statements():
    """One statement per paid-out payout for the current month."""
    period = timezone.localdate().strftime("%Y-%m")
    for payout in Payout.objects.filter(paid_out=True):
        Statement.objects.create(payout=payout, period=period, total_cents=payout.amount_cents)


@register_job("nightly")
def snapshot_stock():
    """One stock snapshot per SKU and day."""
    day = timezone.localdate()
    for sku in Sku.objects.filter(active=True):
        StockSnapshot.objects.update_or_create(sku=sku, day=day, defaults={"stock": sku.stock})
