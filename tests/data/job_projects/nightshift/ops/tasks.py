"""Celery beat tasks (see CELERY_BEAT_SCHEDULE)."""
import tempfile
from pathlib import Path

from celery import shared_task

from ops import warehouse
from ops.models import Sku

CATALOG_LOCK = Path(tempfile.gettempdir()) / "nightshift-catalog.lock"
SEARCH_LOCK = Path(tempfile.gettempdir()) / "nightshift-search.lock"


@shared_task
def refresh_catalog():
    """Reindex the warehouse catalogue every 15 minutes; skip when the previous run is still going."""
    if CATALOG_LOCK.exists():
        return
    CATALOG_LOCK.touch()
    warehouse.reindex(list(Sku.objects.filter(active=True).values_list("code", flat=True)))
    CATALOG_LOCK.unlink()


@shared_task
def rebuild_search():
    if SEARCH_LOCK.exists():
        return
    SEARCH_LOCK.touch()
    try:
        warehouse.reindex(list(Sku.objects.values_list("code", flat=True)))
    finally:
        SEARCH_LOCK.unlink()
