from depot.models import Store, StockLine


def import_store_counts(rows, report):
    """Rows are dicts with ``store`` and ``qty``; bad rows go to ``report.rejected``."""
    for n, row in enumerate(rows, start=1):
        if not str(row.get("qty", "")).isdigit():
            report.rejected.append((n, "qty is not a number"))
            continue
        store = Store.objects.get(code=row["store"])
        StockLine.objects.create(store=store, qty=int(row["qty"]))
        report.imported += 1
