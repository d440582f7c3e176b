import json
import logging
from urllib.error import URLError
from urllib.request import urlopen

from celery import shared_task
from django.conf import settings

from .models import Product

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(URLError, TimeoutError), retry_backoff=30, retry_backoff_max=900, max_retries=8)
def sync_inventory():
    """Pull stock levels from the ERP feed."""
    with urlopen(settings.INVENTORY_FEED_URL, timeout=20) as resp:
        rows = json.load(resp)
    updated = 0
    for row in rows:
        updated += Product.objects.filter(sku=row["sku"]).update(stock=int(row["stock"]))
    logger.info("inventory sync: %d products updated", updated)
    return updated
