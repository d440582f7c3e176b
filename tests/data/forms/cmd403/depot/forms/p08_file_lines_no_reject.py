from depot.models import Store, StockLine


def open_stores(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            code = line.strip()
            store = Store.objects.get(code=code)
            StockLine.objects.create(store=store, qty=0)
