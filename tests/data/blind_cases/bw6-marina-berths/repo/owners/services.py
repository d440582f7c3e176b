"""Registering owners and boats (used by the site and the harbour office)."""
from django.db import transaction

from .models import Boat, Owner


class RegistrationError(Exception):
    pass


def register_boat(*, owner_email, owner_name, name, kind=Boat.Kind.SAIL, length_m=None, model="",
                 needs_shore_power=False, insurance_valid_until=None, registration_valid_until=None, phone=""):
    if not owner_email or "@" not in owner_email:
        raise RegistrationError("an owner e-mail address is required")
    with transaction.atomic():
        owner, _ = Owner.objects.get_or_create(email=owner_email.lower(), defaults={"name": owner_name, "phone": phone})
        if owner.boats.filter(name__iexact=name).exists():
            raise RegistrationError(f"{owner.name} already has a boat called {name}")
        boat = Boat(
            owner=owner, name=name, kind=kind, model=model, needs_shore_power=needs_shore_power,
            insurance_valid_until=insurance_valid_until, registration_valid_until=registration_valid_until,
        )
        if length_m is not None:
            boat.length_m = length_m
        boat.save()
    return boat


def update_documents(boat, *, insurance_valid_until=None, registration_valid_until=None):
    with transaction.atomic():
        boat = Boat.objects.select_for_update().get(pk=boat.pk)
        if insurance_valid_until is not None:
            boat.insurance_valid_until = insurance_valid_until
        if registration_valid_until is not None:
            boat.registration_valid_until = registration_valid_until
        boat.save()
    return boat
