"""RQ jobs of the catalogue (queue "default")."""
import logging

from django.db import close_old_connections

from .models import Lot

logger = logging.getLogger(__name__)

BATCH = 500


def _search_text(lot: Lot) -> str:
    parts = [str(lot.number), lot.title, lot.description, lot.consignor.name]
    return " ".join(" ".join(p.split()) for p in parts if p).lower()


def reindex_sale(sale_id: int) -> int:
    """Rebuild ``Lot.search_text`` for every lot of a sale. Catalogues can run to tens of thousands of lots."""
    close_old_connections()
    changed, batch = 0, []
    lots = Lot.objects.filter(sale_id=sale_id).select_related("consignor").order_by("pk")
    try:
        for lot in lots.iterator(chunk_size=BATCH):
            text = _search_text(lot)
            if text != lot.search_text:
                lot.search_text = text
                batch.append(lot)
            if len(batch) >= BATCH:
                changed += len(batch)
                Lot.objects.bulk_update(batch, ["search_text"])
                batch = []
        if batch:
            changed += len(batch)
            Lot.objects.bulk_update(batch, ["search_text"])
    finally:
        close_old_connections()
    logger.info("reindexed sale %s: %s lots changed", sale_id, changed)
    return changed
