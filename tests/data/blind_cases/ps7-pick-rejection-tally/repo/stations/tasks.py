import logging
import urllib.request

from celery import shared_task
from django.conf import settings

from .inventory import apply_inventory, parse_fdsn_text

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_kwargs={"max_retries": 5})
def refresh_inventory(self, network="XQ"):
    """Nightly refresh of the station inventory from the network's FDSN station service."""
    url = f"{settings.FDSN_STATION_URL}?net={network}&level=channel&format=text"
    with urllib.request.urlopen(url, timeout=30) as resp:
        lines = resp.read().decode("utf-8").splitlines()
    stations, channels = apply_inventory(parse_fdsn_text(lines))
    log.info("inventory %s: %d stations, %d channels", network, stations, channels)
    return {"stations": stations, "channels": channels}
