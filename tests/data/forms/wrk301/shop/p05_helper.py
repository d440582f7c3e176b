"""Where the code lives: a helper module, called inside a transaction by p05_caller."""
from .tasks import send_receipt


def announce(order):
    send_receipt.apply_async((order.pk,))
