"""Storing provider transactions and booking them to vehicles."""
import logging

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from fleet.models import Vehicle

from .cards import clean_number
from .models import FuelTransaction

logger = logging.getLogger(__name__)


def _update_odometer(vehicle_id, odometer_km):
    # Drivers type the odometer at the pump; only ever move it forwards.
    if odometer_km:
        Vehicle.objects.filter(pk=vehicle_id, odometer_km__lt=odometer_km).update(odometer_km=odometer_km)


@transaction.atomic
def record_transaction(txn, ref, *, now=None):
    """Store a provider transaction, booked to ``ref``'s vehicle or as unknown card.

    Idempotent on the provider's transaction id: returns ``(row, created)``.
    """
    now = now or timezone.now()
    defaults = {
        "sequence": txn.sequence,
        "card_number": clean_number(txn.card_number) or txn.card_number[:19],
        "occurred_at": txn.occurred_at,
        "site_name": txn.site_name[:120],
        "product": txn.product,
        "litres": txn.litres,
        "amount": txn.amount,
        "currency": txn.currency,
        "odometer_km": txn.odometer_km,
        "raw": txn.raw,
    }
    if ref is not None:
        defaults.update(status=FuelTransaction.Status.BOOKED, card_id=ref.card_id, vehicle_id=ref.vehicle_id,
                        booked_at=now)
    else:
        defaults.update(status=FuelTransaction.Status.UNKNOWN_CARD)
    row, created = FuelTransaction.objects.get_or_create(provider_txn_id=txn.id, defaults=defaults)
    if created and ref is not None:
        _update_odometer(ref.vehicle_id, txn.odometer_km)
    return row, created


@transaction.atomic
def book_to_card(row, ref, *, now=None):
    """Book a stored unknown-card transaction now that its card is known."""
    row = FuelTransaction.objects.select_for_update().get(pk=row.pk)
    if row.status != FuelTransaction.Status.UNKNOWN_CARD:
        return False
    row.status = FuelTransaction.Status.BOOKED
    row.card_id = ref.card_id
    row.vehicle_id = ref.vehicle_id
    row.booked_at = now or timezone.now()
    row.save(update_fields=["status", "card", "vehicle", "booked_at"])
    _update_odometer(ref.vehicle_id, row.odometer_km)
    return True


def spend_by_vehicle(rows):
    """Sum litres and amount per vehicle for a queryset of booked transactions."""
    return (
        rows.filter(status=FuelTransaction.Status.BOOKED)
        .values(fleet_number=F("vehicle__fleet_number"), registration=F("vehicle__registration"))
        .annotate(fills=Count("id"), litres=Sum("litres"), amount=Sum("amount"))
        .order_by("fleet_number")
    )
