"""Load the Spark job's output rows into SkuRevenue."""
from decimal import Decimal

from django.db import transaction

from .models import SkuRevenue, Store


def load_sku_revenue(day, rows):
    stores = {s.code: s for s in Store.objects.all()}
    loaded = skipped = 0
    with transaction.atomic():
        SkuRevenue.objects.filter(day=day).delete()
        for row in rows:
            store = stores.get(row["store_id"])
            if store is None:
                skipped += 1
                continue
            SkuRevenue.objects.create(day=day, store=store, sku=row["sku"], units=row["units"],
                                      revenue=Decimal(str(row["revenue"])).quantize(Decimal("0.01")))
            loaded += 1
    return loaded, skipped
