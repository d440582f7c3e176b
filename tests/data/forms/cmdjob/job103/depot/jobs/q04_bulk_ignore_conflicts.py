from django.utils import timezone

from depot.models import Customer, Invoice
from depot.registry import register_job


@register_job("0 3 1 * *")
def bulk_ignore_conflicts():
    period = timezone.localdate().strftime("%Y-%m")
    invoices = [Invoice(customer=c, period=period) for c in Customer.objects.filter(active=True)]
    Invoice.objects.bulk_create(invoices, ignore_conflicts=True)
