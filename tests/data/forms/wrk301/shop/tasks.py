from celery import shared_task

from proj.celery import app

from .models import Order


@shared_task
def send_receipt(order_id):
    return Order.objects.get(pk=order_id).pk


@app.task(name="shop.tasks.sync_ledger")
def sync_ledger(order_id):
    return order_id


@shared_task
def summarize(results):
    return len(results)
