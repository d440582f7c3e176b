"""Texts of the notices we send to recipients. Kept short: they also go out as SMS."""
from django.utils import timezone

from notify import outbox


def _local(dt):
    return timezone.localtime(dt).strftime("%a %d %b %H:%M")


def pickup_code(parcel):
    body = (
        f"Hi {parcel.recipient_name.split()[0]}, your {parcel.carrier} parcel {parcel.tracking_code} is waiting "
        f"in locker {parcel.compartment.label} at {parcel.site.name}. Pickup code: {parcel.pickup_pin}. "
        f"Collect before {_local(parcel.pickup_deadline)}."
    )
    return outbox.queue("pickup_code", parcel=parcel, subject="Your parcel is ready for pickup", body=body)


def pickup_reminder(parcel):
    body = (
        f"Reminder: parcel {parcel.tracking_code} is still in locker {parcel.compartment.label} at "
        f"{parcel.site.name}. Pickup code: {parcel.pickup_pin}. It goes back to {parcel.carrier} after "
        f"{_local(parcel.pickup_deadline)}."
    )
    return outbox.queue("pickup_reminder", parcel=parcel, subject="Reminder: your parcel is waiting", body=body)


def returned_to_carrier(parcel):
    body = (
        f"Parcel {parcel.tracking_code} was not collected at {parcel.site.name} and is going back to "
        f"{parcel.carrier}. Contact {parcel.carrier} to arrange a new delivery."
    )
    return outbox.queue("returned", parcel=parcel, subject="Your parcel is going back to the sender", body=body)
