"""Jobs run by the shop's own scheduler (`manage.py run_scheduler`)."""
import csv
import logging
import os
import shutil
import tempfile

from django.core.cache import cache

from ops import storage, warehouse
from ops.models import Order, Sku
from ops.scheduler import register_job

logger = logging.getLogger(__name__)

INVENTORY_LOCK = "ops:sync-inventory"
PRICES_LOCK = "ops:sync-prices"


@register_job("hourly")
def sync_inventory():
    """Push stock levels to the warehouse; one run at a time (a run can take hours on a big catalogue)."""
    if not cache.add(INVENTORY_LOCK, "1", timeout=6 * 3600):
        logger.info("sync_inventory is already running")
        return
    for sku in Sku.objects.filter(active=True):
        warehouse.push_stock(sku)
    cache.delete(INVENTORY_LOCK)


@register_job("hourly")
def sync_prices():
    """Push prices to the warehouse; one run at a time."""
    if not cache.add(PRICES_LOCK, "1", timeout=6 * 3600):
        logger.info("sync_prices is already running")
        return
    try:
        for sku in Sku.objects.filter(active=True):
            warehouse.push_price(sku)
    finally:
        cache.delete(PRICES_LOCK)


@register_job("nightly")
def export_orders():
    """Upload all orders as CSV to the export bucket."""
    fd, path = tempfile.mkstemp(prefix="orders-", suffix=".csv")
    with os.fdopen(fd, "w", newline="") as fh:
        writer = csv.writer(fh)
        for order in Order.objects.order_by("number"):
            writer.writerow([order.number, order.total_cents])
    storage.upload(path, "exports/orders.csv")
    os.remove(path)


@register_job("nightly")
def export_skus():
    """Upload one file per SKU to the export bucket."""
    workdir = tempfile.mkdtemp(prefix="skus-")
    try:
        for sku in Sku.objects.order_by("code"):
            with open(os.path.join(workdir, f"{sku.code}.txt"), "w") as fh:
                fh.write(f"{sku.stock}\n")
        storage.upload_dir(workdir, "exports/skus")
    finally:
        shutil.rmtree(workdir)
