from depot.models import Invoice


def load_invoices(rows):
    """Create one invoice per row; the caller reads the rows."""
    for row in rows:
        Invoice.objects.create(customer_id=int(row["customer"]), period=row["period"], total=row["total"])
