from celery import shared_task
from django.utils import timezone

from .models import Sale, Store


@shared_task
def record_sale(store_code, receipt_no, total_yen):
    """Called by the tills; the sale time is when the server receives it."""
    store = Store.objects.get(code=store_code)
    sale = Sale.objects.create(store=store, receipt_no=receipt_no, total_yen=total_yen, sold_at=timezone.now())
    return sale.pk
