"""A project @contextmanager that wraps atomic() (shop/db.py)."""
from django.db import transaction

from .db import unit_of_work
from .models import Order
from .tasks import send_receipt


def import_order(row):
    with unit_of_work():
        order = Order.objects.create(customer=row["customer"], total=row["total"])
        transaction.on_commit(lambda: send_receipt.delay(order.pk))
    return order
