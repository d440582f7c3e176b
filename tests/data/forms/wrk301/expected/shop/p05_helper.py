"""Where the code lives: a helper module, called inside a transaction by p05_caller."""
from django.db import transaction

from .tasks import send_receipt


def announce(order):
    transaction.on_commit(lambda: send_receipt.apply_async((order.pk,)))
