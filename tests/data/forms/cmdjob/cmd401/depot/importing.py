from depot.models import Invoice


def load_invoices(rows):
    for row in rows:
        Invoice.objects.create(customer_id=int(row["customer"]), period=row["period"])
