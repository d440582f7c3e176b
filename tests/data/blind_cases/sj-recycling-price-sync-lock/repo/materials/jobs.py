"""Nightly jobs for material prices (scheduled in depotline/scheduler.py)."""
import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from .clients.buyer import BuyerPriceClient
from .locking import lock_owner
from .models import Material
from .pricing import apply_quotes

log = logging.getLogger(__name__)

SYNC_LOCK_KEY = "jobs:lock:sync_buyer_prices"
STALE_AFTER = timedelta(days=3)


def sync_buyer_prices(day=None):
    """Pull today's quotes from the buyer and update our prices.

    Guarded by a cache lock: the scheduler and a manual `run_job` from the ops console must not
    sync at the same time.
    """
    if not cache.add(SYNC_LOCK_KEY, lock_owner(), timeout=None):
        log.warning("buyer price sync already running (lock held by %s), skipping", cache.get(SYNC_LOCK_KEY))
        return 0
    day = day or timezone.localdate()
    client = BuyerPriceClient.from_settings()
    quotes = client.fetch_quotes(day)
    updated = apply_quotes(quotes)
    cache.delete(SYNC_LOCK_KEY)
    log.info("buyer price sync: %d quote(s), %d material(s) updated for %s", len(quotes), updated, day)
    return updated


def expire_stale_prices(now=None):
    """Stop accepting materials whose price has not been refreshed for a few days."""
    now = now or timezone.now()
    stale = Material.objects.filter(accepting=True, price_updated_at__lt=now - STALE_AFTER)
    count = stale.update(accepting=False)
    if count:
        log.warning("stopped accepting %d material(s) with prices older than %s", count, STALE_AFTER)
    return count
