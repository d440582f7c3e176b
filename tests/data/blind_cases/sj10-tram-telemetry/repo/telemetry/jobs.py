"""Scheduled jobs of the telemetry service (registered in telemetry/scheduler.py)."""
import logging
from datetime import timedelta, timezone as dt_timezone
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from fleet.models import Depot, Line, Vehicle

from .locks import DbLock, LockHeld
from .models import ImportCursor, PositionReport
from .operator_api import get_client

logger = logging.getLogger(__name__)

TELEMETRY_IMPORT = "telemetry-import"
ROSTER_SYNC = "vehicle-roster-sync"
TELEMETRY_PURGE = "telemetry-purge"

PURGE_BATCH = 5000


def _decimal(value, places):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        return None


def _parse_position(item, vehicles, lines):
    vehicle = vehicles.get(item.get("vehicle_id"))
    recorded_at = parse_datetime(item.get("ts") or "")
    if vehicle is None or recorded_at is None:
        return None
    if timezone.is_naive(recorded_at):
        recorded_at = timezone.make_aware(recorded_at, dt_timezone.utc)
    latitude, longitude = _decimal(item.get("lat"), 6), _decimal(item.get("lon"), 6)
    if latitude is None or longitude is None:
        return None
    return PositionReport(
        vehicle=vehicle,
        recorded_at=recorded_at,
        latitude=latitude,
        longitude=longitude,
        speed_kmh=_decimal(item.get("speed"), 1),
        line=lines.get(str(item.get("line") or "")),
        doors_open=item.get("doors") == "open",
    )


def _store_positions(items, vehicles, lines):
    reports = [r for r in (_parse_position(item, vehicles, lines) for item in items) if r is not None]
    if len(reports) < len(items):
        logger.info("telemetry import: ignored %d of %d items (unknown vehicle or bad data)",
                    len(items) - len(reports), len(items))
    PositionReport.objects.bulk_create(reports, ignore_conflicts=True)

    latest = {}
    for report in reports:
        current = latest.get(report.vehicle.pk)
        if current is None or report.recorded_at > current.recorded_at:
            latest[report.vehicle.pk] = report
    for report in latest.values():
        vehicle = report.vehicle
        if vehicle.last_seen_at and vehicle.last_seen_at >= report.recorded_at:
            continue
        vehicle.last_seen_at = report.recorded_at
        vehicle.last_line = report.line
        if vehicle.status == Vehicle.Status.SILENT:
            vehicle.status = Vehicle.Status.IN_SERVICE
        vehicle.save(update_fields=["last_seen_at", "last_line", "status"])
    return len(reports)


def import_vehicle_telemetry(max_pages=20):
    """Pull new position reports from the operator API. Runs every 5 minutes."""
    lock = DbLock(TELEMETRY_IMPORT, ttl=timedelta(minutes=30))
    if not lock.acquire():
        logger.warning("telemetry import skipped: %s", lock.holder())
        return 0

    client = get_client()
    cursor, _ = ImportCursor.objects.get_or_create(name=TELEMETRY_IMPORT)
    vehicles = {v.operator_id: v for v in Vehicle.objects.exclude(status=Vehicle.Status.RETIRED)}
    lines = {line.number: line for line in Line.objects.all()}

    imported = pages = 0
    while pages < max_pages:
        page = client.fetch_positions(after=cursor.position or None, limit=settings.OPERATOR_API_PAGE_SIZE)
        pages += 1
        with transaction.atomic():
            imported += _store_positions(page.positions, vehicles, lines)
            if page.cursor:
                cursor.position = page.cursor
                cursor.save(update_fields=["position", "updated_at"])
        if not page.has_more:
            break
    lock.release()

    logger.info("telemetry import: %d position reports stored from %d page(s), cursor now %s",
                imported, pages, cursor.position or "-")
    return imported


def sync_vehicle_roster():
    """Mirror the operator's vehicle list (new trams, depot moves, retirements). Runs hourly."""
    try:
        with DbLock(ROSTER_SYNC, ttl=timedelta(minutes=20)):
            remote = get_client().fetch_vehicles()
            depots = {d.code: d for d in Depot.objects.all()}
            created = updated = 0
            with transaction.atomic():
                for item in remote:
                    if not item.get("id") or not item.get("fleet_number"):
                        continue
                    vehicle, was_created = Vehicle.objects.get_or_create(
                        operator_id=item["id"],
                        defaults={"fleet_number": item["fleet_number"], "series": item.get("series", "")},
                    )
                    depot = depots.get(item.get("depot"))
                    changed = []
                    if depot is not None and vehicle.depot_id != depot.pk:
                        vehicle.depot = depot
                        changed.append("depot")
                    if item.get("state") == "retired" and vehicle.status != Vehicle.Status.RETIRED:
                        vehicle.status = Vehicle.Status.RETIRED
                        changed.append("status")
                    if changed:
                        vehicle.save(update_fields=changed)
                    created += was_created
                    updated += bool(changed) and not was_created
    except LockHeld as exc:
        logger.warning("vehicle roster sync skipped: %s", exc)
        return None
    logger.info("vehicle roster sync: %d new, %d updated, %d in feed", created, updated, len(remote))
    return created, updated


def purge_old_positions(now=None):
    """Delete position reports older than TELEMETRY_RETENTION_DAYS. Runs every 6 hours."""
    lock = DbLock(TELEMETRY_PURGE, ttl=timedelta(hours=1))
    if not lock.acquire():
        logger.warning("telemetry purge skipped: %s", lock.holder())
        return 0
    try:
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.TELEMETRY_RETENTION_DAYS)
        deleted = 0
        while True:
            ids = list(PositionReport.objects.filter(recorded_at__lt=cutoff)
                       .values_list("pk", flat=True)[:PURGE_BATCH])
            if not ids:
                break
            count, _ = PositionReport.objects.filter(pk__in=ids).delete()
            deleted += count
    finally:
        lock.release()
    logger.info("telemetry purge: %d position reports older than %s deleted", deleted, cutoff.isoformat())
    return deleted


def mark_silent_vehicles(now=None):
    """Flag in-service trams that have not reported for a while. Runs every 5 minutes."""
    now = now or timezone.now()
    threshold = now - timedelta(minutes=settings.TELEMETRY_SILENT_AFTER_MINUTES)
    count = (Vehicle.objects
             .filter(status=Vehicle.Status.IN_SERVICE, last_seen_at__lt=threshold)
             .update(status=Vehicle.Status.SILENT))
    if count:
        logger.info("%d vehicle(s) silent for more than %d minutes", count, settings.TELEMETRY_SILENT_AFTER_MINUTES)
    return count


JOBS = {
    TELEMETRY_IMPORT: import_vehicle_telemetry,
    ROSTER_SYNC: sync_vehicle_roster,
    TELEMETRY_PURGE: purge_old_positions,
    "mark-silent-vehicles": mark_silent_vehicles,
}
