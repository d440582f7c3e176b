import json
import logging

from depot.models import Store, StockLine

logger = logging.getLogger(__name__)


def load_store_totals(path):
    with open(path, encoding="utf-8") as fh:
        for rec in json.load(fh)["lines"]:
            if rec.get("qty") is None:
                logger.warning("skipping record without qty: %s", rec)
                continue
            store = Store.objects.get(code=rec["store"])
            StockLine.objects.create(store=store, qty=rec["qty"])
