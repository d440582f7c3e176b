from shop.models import Customer
from shop.tasks import notify_customer


def notify_later(customer_id):
    customer = Customer.objects.filter(pk=customer_id).first()
    notify_customer.s(customer.pk).apply_async(countdown=60)
