"""Celery canvas called directly: chord(header)(callback)."""
from functools import partial

from celery import chord
from django.db import transaction

from .models import Order
from .tasks import send_receipt, summarize


def bulk_receipts(customer):
    with transaction.atomic():
        orders = [Order.objects.create(customer=customer) for _ in range(3)]
        transaction.on_commit(partial(chord(send_receipt.s(o.pk) for o in orders), summarize.s()))
