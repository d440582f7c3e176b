"""Stock reservations: an order reserves stock until it ships or the hold runs out."""
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Reservation, StockLevel


def reserve(warehouse, product, order_ref, quantity, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        level = StockLevel.objects.select_for_update().get(warehouse=warehouse, product=product)
        if level.available < quantity:
            raise ValueError(f"only {level.available} of {product.sku} available in {warehouse.code}")
        level.reserved = F("reserved") + quantity
        level.save(update_fields=["reserved"])
        return Reservation.objects.create(warehouse=warehouse, product=product, order_ref=order_ref,
                                          quantity=quantity, created_at=now)


def stale_reservations(older_than_hours, warehouse_code=None, now=None):
    """Open reservations created more than ``older_than_hours`` ago, oldest first."""
    now = now or timezone.now()
    qs = Reservation.objects.filter(released_at__isnull=True, created_at__lt=now - timedelta(hours=older_than_hours))
    if warehouse_code:
        qs = qs.filter(warehouse__code=warehouse_code.upper())
    return qs.select_related("warehouse", "product").order_by("created_at")


def release(reservation, reason, now=None):
    """Give the reserved quantity back to the warehouse and close the reservation."""
    now = now or timezone.now()
    with transaction.atomic():
        StockLevel.objects.filter(warehouse=reservation.warehouse, product=reservation.product).update(
            reserved=F("reserved") - reservation.quantity)
        reservation.released_at = now
        reservation.release_reason = reason
        reservation.save(update_fields=["released_at", "release_reason"])
