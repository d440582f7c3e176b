from shop.celery import app
from shop.models import Customer


def notify_by_name(customer_id):
    customer = Customer.objects.get(pk=customer_id)
    app.send_task("shop.tasks.notify_customer", args=[customer.pk])
