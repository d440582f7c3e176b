from depot.models import Store, StockLine


def import_rows(rows, errors):
    for row in rows:
        store = Store.objects.filter(code=row["store"]).first()
        if store is None:
            errors.append(f"unknown store {row['store']!r}")
            continue
        StockLine.objects.create(store=store, qty=row["qty"])
