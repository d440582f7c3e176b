from django.utils import timezone

from depot.models import Customer, Invoice


def exists_first():
    period = timezone.localdate().strftime("%Y-%m")
    for customer in Customer.objects.filter(active=True):
        if not Invoice.objects.filter(customer=customer, period=period).exists():
            Invoice.objects.create(customer=customer, period=period)
