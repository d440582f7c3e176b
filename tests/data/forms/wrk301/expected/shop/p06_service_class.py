"""Where the code lives: a service class; send_task by registered name in a method."""
from django.db import transaction

from proj.celery import app

from .models import Order


class LedgerService:
    def __init__(self, using="default"):
        self.using = using

    def _publish(self, order):
        transaction.on_commit(lambda: app.send_task("shop.tasks.sync_ledger", args=[order.pk]))

    def close(self, order_id):
        with transaction.atomic():
            order = Order.objects.get(pk=order_id)
            order.total = 0
            order.save()
            self._publish(order)
