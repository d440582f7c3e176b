from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from stores.models import Sale, Store

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def store(db):
    return Store.objects.create(code="SHB", name="Shibuya")


@pytest.fixture
def sell():
    counter = {"n": 0}

    def _sell(store, local_dt, yen, refunded=False):
        counter["n"] += 1
        return Sale.objects.create(store=store, receipt_no=f"R{counter['n']:05d}", total_yen=yen,
                                   refunded=refunded, sold_at=local_dt.replace(tzinfo=TOKYO))
    return _sell
