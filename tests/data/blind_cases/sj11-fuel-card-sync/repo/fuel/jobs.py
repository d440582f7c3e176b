"""Periodic fuel jobs, run by the scheduler process (see fuel/scheduling.py) or by ``run_job``."""
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from fleet.models import Vehicle

from .cards import CardDirectory, clean_number, load_card_index
from .models import FuelTransaction, SyncCursor
from .provider import get_provider
from .reports import send_daily_summaries
from .services import book_to_card, record_transaction

logger = logging.getLogger(__name__)

SYNC_CURSOR = "fleetfuel-transactions"
ANOMALY_BATCH = 500
REPEAT_FILL_WINDOW = timedelta(hours=2)


@dataclass
class SyncResult:
    fetched: int = 0
    booked: int = 0
    unknown: int = 0
    duplicates: int = 0
    position: int = 0

    def __str__(self):
        return (f"fetched={self.fetched} booked={self.booked} unknown={self.unknown} "
                f"duplicates={self.duplicates} position={self.position}")


def sync_fuel_card_transactions(provider=None, now=None):
    """Pull new transactions from the provider and book each one to the vehicle its card is on."""
    provider = provider or get_provider()
    now = now or timezone.now()
    cursor, _ = SyncCursor.objects.get_or_create(name=SYNC_CURSOR)
    cards = CardDirectory()
    result = SyncResult(position=cursor.position)

    for txn in provider.transactions_after(cursor.position):
        result.fetched += 1
        ref = cards.resolve(txn.card_number)
        row, created = record_transaction(txn, ref, now=now)
        if not created:
            result.duplicates += 1
        elif row.status == FuelTransaction.Status.BOOKED:
            result.booked += 1
        else:
            result.unknown += 1
            logger.warning("fuel sync: unknown card ****%s on %s (%s, %s)",
                           row.card_number[-4:], txn.id, txn.site_name, txn.occurred_at.isoformat())
        # Persist the position after every row so a crash mid-page does not re-read the page.
        cursor.position = result.position = txn.sequence
        cursor.save(update_fields=["position", "updated_at"])

    logger.info("fuel sync: %s", result)
    return result


def rebook_unknown_card_transactions(now=None):
    """Give unknown-card transactions another go once their card has been set up in fleet."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.FUEL_REBOOK_WINDOW_DAYS)
    pending = list(FuelTransaction.objects.filter(status=FuelTransaction.Status.UNKNOWN_CARD,
                                                  occurred_at__gte=since).order_by("occurred_at"))
    if not pending:
        return 0
    index = load_card_index()
    rebooked = 0
    for row in pending:
        ref = index.get(clean_number(row.card_number))
        if ref is not None and book_to_card(row, ref, now=now):
            rebooked += 1
            logger.info("rebooked %s to %s", row.provider_txn_id, ref.fleet_number)
    logger.info("rebook unknown cards: %d of %d rebooked", rebooked, len(pending))
    return rebooked


def _anomalies(row, vehicle, previous_fill):
    flags = []
    tolerance = Decimal(settings.FUEL_TANK_TOLERANCE)
    if row.product in (FuelTransaction.Product.DIESEL, FuelTransaction.Product.PETROL):
        if row.litres > vehicle.tank_capacity_litres * tolerance:
            flags.append("over_tank_capacity")
        if row.product != vehicle.fuel_type:
            flags.append("wrong_fuel_type")
        if previous_fill is not None and row.occurred_at - previous_fill < REPEAT_FILL_WINDOW:
            flags.append("repeat_fill")
    return flags


def flag_fuel_anomalies(now=None):
    """Check newly booked transactions against the vehicle they were booked to."""
    now = now or timezone.now()
    rows = list(
        FuelTransaction.objects.filter(status=FuelTransaction.Status.BOOKED, anomaly_checked_at__isnull=True)
        .order_by("occurred_at")[:ANOMALY_BATCH]
    )
    vehicles = Vehicle.objects.in_bulk({row.vehicle_id for row in rows if row.vehicle_id})
    flagged = 0
    for row in rows:
        vehicle = vehicles.get(row.vehicle_id)
        flags = []
        if vehicle is not None:
            previous = (
                FuelTransaction.objects.filter(vehicle=vehicle, status=FuelTransaction.Status.BOOKED,
                                               product=row.product, occurred_at__lt=row.occurred_at)
                .order_by("-occurred_at").values_list("occurred_at", flat=True).first()
            )
            flags = _anomalies(row, vehicle, previous)
        row.anomaly = ",".join(flags)
        row.anomaly_checked_at = now
        row.save(update_fields=["anomaly", "anomaly_checked_at"])
        if flags:
            flagged += 1
            logger.warning("fuel anomaly on %s (%s): %s", row.provider_txn_id,
                           vehicle.fleet_number, row.anomaly)
    return flagged


def send_depot_fuel_summaries(now=None):
    """Yesterday's fuel spend, per depot, to the depot managers."""
    return send_daily_summaries(now=now)
