from django.utils import timezone

from depot.models import Customer, Invoice


def monthly_invoices():
    period = timezone.localdate().strftime("%Y-%m")
    for customer in Customer.objects.filter(active=True):
        Invoice.objects.create(customer=customer, period=period)
