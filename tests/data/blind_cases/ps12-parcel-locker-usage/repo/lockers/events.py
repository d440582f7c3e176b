"""Deposit / pickup / return events from the locker controllers."""
import csv
import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from carriers.models import Carrier

from .models import Locker, Parcel

logger = logging.getLogger(__name__)

EVENT_TYPES = ("deposit", "pickup", "return")


class EventError(ValueError):
    pass


@dataclass(frozen=True)
class LockerEvent:
    kind: str
    locker_code: str
    carrier_code: str
    barcode: str
    at: datetime
    size: str = Parcel.Size.MEDIUM

    @classmethod
    def from_row(cls, row):
        kind = (row.get("event") or "").strip().lower()
        if kind not in EVENT_TYPES:
            raise EventError(f"unknown event type {kind!r}")
        try:
            at = datetime.fromisoformat(row["timestamp"].strip())
        except (KeyError, ValueError) as exc:
            raise EventError(f"bad timestamp in {row!r}") from exc
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        size = (row.get("size") or Parcel.Size.MEDIUM).strip().upper()
        if size not in Parcel.Size.values:
            raise EventError(f"unknown compartment size {size!r}")
        return cls(kind=kind, locker_code=row["locker"].strip(), carrier_code=row["carrier"].strip(),
                   barcode=row["barcode"].strip(), at=at, size=size)


def apply_event(event):
    """Apply one controller event. Returns the parcel, or None if the event was a duplicate."""
    with transaction.atomic():
        carrier = Carrier.objects.get(code=event.carrier_code)
        if event.kind == "deposit":
            locker = Locker.objects.get(code=event.locker_code)
            parcel, created = Parcel.objects.get_or_create(
                carrier=carrier, barcode=event.barcode,
                defaults={"locker": locker, "size": event.size, "deposited_at": event.at},
            )
            return parcel if created else None
        parcel = (Parcel.objects.select_for_update()
                  .filter(carrier=carrier, barcode=event.barcode, locker__code=event.locker_code).first())
        if parcel is None:
            raise EventError(f"{event.kind} for unknown parcel {event.carrier_code}:{event.barcode}")
        if parcel.collected_at is not None:
            return None
        if event.at < parcel.deposited_at:
            raise EventError(f"{event.kind} before deposit for {parcel}")
        parcel.collected_at = event.at
        parcel.returned = event.kind == "return"
        parcel.save(update_fields=["collected_at", "returned"])
        return parcel


def import_csv(fileobj):
    """Import a controller export. Returns (applied, duplicates, errors)."""
    applied = duplicates = 0
    errors = []
    reader = csv.DictReader(fileobj)
    for lineno, row in enumerate(reader, start=2):
        try:
            result = apply_event(LockerEvent.from_row(row))
        except (EventError, Carrier.DoesNotExist, Locker.DoesNotExist) as exc:
            errors.append(f"line {lineno}: {exc}")
            continue
        if result is None:
            duplicates += 1
        else:
            applied += 1
    if errors:
        logger.warning("locker event import: %d rows rejected", len(errors))
    return applied, duplicates, errors
