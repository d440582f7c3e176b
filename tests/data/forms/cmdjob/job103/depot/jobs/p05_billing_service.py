from django.utils import timezone

from depot.models import Customer, Invoice
from depot.registry import register_job


class BillingRun:
    def __init__(self, period):
        self.period = period

    def run(self):
        for customer in Customer.objects.filter(active=True):
            Invoice.objects.create(customer=customer, period=self.period, total=0)


@register_job("0 2 1 * *")
def billing_service():
    return BillingRun(timezone.localdate().strftime("%Y-%m")).run()
