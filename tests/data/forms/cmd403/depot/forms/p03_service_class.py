from depot.models import Product, StockLine


class StockImporter:
    def __init__(self):
        self.errors = []

    def run(self, lines):
        for line in lines:
            fields = line.strip().split(";")
            if len(fields) != 2:
                self.errors.append(f"{line.strip()!r}: expected sku;qty")
                continue
            sku, qty = fields
            product = Product.objects.get(sku=sku)
            StockLine.objects.create(product=product, qty=int(qty))
        return self.errors
