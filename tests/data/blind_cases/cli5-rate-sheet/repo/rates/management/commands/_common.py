from datetime import date

from django.core.management.base import CommandError

from properties.models import Property, RoomType


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


def get_property(code):
    try:
        return Property.objects.get(code=code.upper())
    except Property.DoesNotExist:
        raise CommandError(f"unknown property {code!r}") from None


def get_room_type(prop, code):
    try:
        return prop.room_types.get(code=code.upper())
    except RoomType.DoesNotExist:
        raise CommandError(f"{prop.code} has no room type {code!r}") from None
