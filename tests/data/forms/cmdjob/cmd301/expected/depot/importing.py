from depot.models import Invoice
from django.db import transaction


def load_invoices(rows):
    """Create one invoice per row; the caller reads the rows."""
    with transaction.atomic():
        for row in rows:
            Invoice.objects.create(customer_id=int(row["customer"]), period=row["period"], total=row["total"])
