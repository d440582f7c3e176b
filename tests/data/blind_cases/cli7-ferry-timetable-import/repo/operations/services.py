"""Operational changes to the published timetable: disruptions and passenger counts."""
import csv
import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from timetable.models import Port, Sailing

from .models import Disruption, PassengerCount

log = logging.getLogger(__name__)


class CountImportError(Exception):
    pass


def record_disruption(port, day, reason):
    """Cancel every scheduled sailing from or to ``port`` on ``day`` (weather, harbour works)."""
    sailings = Sailing.objects.filter(
        departs_at__date=day, status=Sailing.Status.SCHEDULED,
    ).filter(route__origin=port) | Sailing.objects.filter(
        departs_at__date=day, status=Sailing.Status.SCHEDULED,
    ).filter(route__destination=port)
    with transaction.atomic():
        disruption = Disruption.objects.create(port=port, day=day, reason=reason)
        cancelled = 0
        for sailing in sailings.select_for_update():
            sailing.status = Sailing.Status.CANCELLED
            sailing.cancel_reason = reason
            sailing.save(update_fields=["status", "cancel_reason"])
            cancelled += 1
        disruption.sailings_cancelled = cancelled
        disruption.save(update_fields=["sailings_cancelled"])
    log.info("disruption at %s on %s: %d sailing(s) cancelled", port.code, day, cancelled)
    return disruption


def read_counts_csv(path):
    """Read the purser's count sheet: route,departs,passengers,cars[,departed]."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _aware(value):
    return timezone.make_aware(datetime.strptime(value.strip(), "%Y-%m-%d %H:%M"))


def import_counts(records):
    """Store passenger counts for sailings; all or nothing."""
    saved = 0
    with transaction.atomic():
        for n, rec in enumerate(records, start=2):
            try:
                sailing = Sailing.objects.get(route__code=rec["route"].strip().upper(),
                                              departs_at=_aware(rec["departs"]))
            except Sailing.DoesNotExist:
                raise CountImportError(f"line {n}: no sailing {rec['route']} at {rec['departs']}")
            except (KeyError, ValueError) as exc:
                raise CountImportError(f"line {n}: {exc}")
            if sailing.status == Sailing.Status.CANCELLED:
                raise CountImportError(f"line {n}: sailing {sailing} was cancelled")
            try:
                passengers = int(rec["passengers"])
                cars = int(rec.get("cars") or 0)
            except ValueError:
                raise CountImportError(f"line {n}: passengers/cars must be whole numbers")
            departed = rec.get("departed") or ""
            PassengerCount.objects.update_or_create(
                sailing=sailing,
                defaults={"passengers": passengers, "cars": cars,
                          "departed_at": _aware(departed) if departed.strip() else None},
            )
            saved += 1
    return saved


def punctuality(day):
    """Share of the day's counted sailings that left within the tolerance."""
    tolerance = settings.HARBOURLINE["ON_TIME_TOLERANCE_MINUTES"] * 60
    counts = PassengerCount.objects.select_related("sailing").filter(
        sailing__departs_at__date=day, departed_at__isnull=False,
    )
    total = on_time = 0
    for c in counts:
        total += 1
        if (c.departed_at - c.sailing.departs_at).total_seconds() <= tolerance:
            on_time += 1
    return (on_time, total)


def port_by_code(code):
    return Port.objects.get(code=code.upper())
