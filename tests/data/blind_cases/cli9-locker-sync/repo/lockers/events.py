"""Apply LockerLink events to our parcels and compartments.

Event types we act on (LockerLink v2 names):

* ``parcel.deposited``  courier closed a door on a parcel -> parcel waits in the locker, recipient gets the code
* ``parcel.collected``  recipient opened the door with the code and took the parcel
* ``parcel.removed``    courier took the parcel back out (expired or refused)
* ``door.left_open``    a door stayed open for more than 2 minutes
* ``door.forced``       door sensor tripped without an open command

Everything is stored as a LockerEvent first; ``seq`` is unique, so applying the same event twice is a no-op.
"""
import logging
from datetime import timedelta

from django.conf import settings

from . import notices
from .models import Compartment, LockerAlert, LockerEvent, Parcel

log = logging.getLogger(__name__)


def _compartment(event):
    if not event.compartment:
        return None
    return (Compartment.objects.select_related("site")
            .filter(site__code=event.site, label=event.compartment).first())


def _parcel(event):
    if not event.tracking_code:
        return None
    return Parcel.objects.select_related("site").filter(tracking_code=event.tracking_code).first()


def on_deposited(event, record):
    parcel, compartment = _parcel(event), _compartment(event)
    if parcel is None or compartment is None:
        return False
    if parcel.status != Parcel.Status.ANNOUNCED:
        log.info("deposit for %s ignored: parcel is %s", parcel, parcel.status)
        return True
    parcel.compartment = compartment
    parcel.status = Parcel.Status.IN_LOCKER
    parcel.deposited_at = event.occurred_at
    parcel.pickup_deadline = event.occurred_at + timedelta(days=settings.PARCELS["PICKUP_DAYS"])
    parcel.save(update_fields=["compartment", "status", "deposited_at", "pickup_deadline"])
    Compartment.objects.filter(pk=compartment.pk).update(occupied=True)
    notices.pickup_code(parcel)
    record.parcel = parcel
    return True


def on_collected(event, record):
    parcel = _parcel(event)
    if parcel is None:
        return False
    if parcel.status == Parcel.Status.IN_LOCKER:
        parcel.status = Parcel.Status.COLLECTED
        parcel.collected_at = event.occurred_at
        parcel.save(update_fields=["status", "collected_at"])
    if parcel.compartment_id:
        Compartment.objects.filter(pk=parcel.compartment_id).update(occupied=False)
    record.parcel = parcel
    return True


def on_removed(event, record):
    parcel = _parcel(event)
    if parcel is None:
        return False
    if parcel.status in (Parcel.Status.IN_LOCKER, Parcel.Status.EXPIRED):
        parcel.status = Parcel.Status.RETURNED
        parcel.save(update_fields=["status"])
    if parcel.compartment_id:
        Compartment.objects.filter(pk=parcel.compartment_id).update(occupied=False)
    record.parcel = parcel
    return True


def _alert(kind):
    def handler(event, record):
        compartment = _compartment(event)
        if compartment is None:
            return False
        LockerAlert.objects.create(site=compartment.site, compartment=compartment, kind=kind,
                                   raised_at=event.occurred_at)
        return True
    return handler


HANDLERS = {
    "parcel.deposited": on_deposited,
    "parcel.collected": on_collected,
    "parcel.removed": on_removed,
    "door.left_open": _alert(LockerAlert.Kind.DOOR_LEFT_OPEN),
    "door.forced": _alert(LockerAlert.Kind.FORCED),
}


def apply_event(event):
    """Store and apply one VendorEvent. Returns the LockerEvent, or None if it was already applied.

    Call inside a transaction: the event row and its effects must be written together.
    """
    if LockerEvent.objects.filter(seq=event.seq).exists():
        return None
    record = LockerEvent(
        seq=event.seq, kind=event.kind, site_code=event.site, compartment_label=event.compartment,
        tracking_code=event.tracking_code, occurred_at=event.occurred_at, payload=event.data,
    )
    handler = HANDLERS.get(event.kind)
    if handler is None:
        log.debug("event #%s of type %s not used", event.seq, event.kind)
    elif not handler(event, record):
        record.unmatched = True
        log.warning("event #%s %s: no parcel/compartment for %s/%s %s", event.seq, event.kind,
                    event.site, event.compartment, event.tracking_code)
    record.save()
    return record
