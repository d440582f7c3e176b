from depot.models import Store, StockLine


def import_store_counts(rows, report):
    """Rows are dicts with ``store`` and ``qty``; bad rows go to ``report.rejected``."""
    for n, row in enumerate(rows, start=1):
        if not str(row.get("qty", "")).isdigit():
            report.rejected.append((n, "qty is not a number"))
            continue
        try:
            store = Store.objects.get(code=row["store"])
        except Store.DoesNotExist:
            report.rejected.append((n, f"no Store with code={row['store']!r}"))
            continue
        StockLine.objects.create(store=store, qty=int(row["qty"]))
        report.imported += 1
