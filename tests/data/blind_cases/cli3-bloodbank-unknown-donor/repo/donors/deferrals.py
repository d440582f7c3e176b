from django.utils import timezone

from .models import Deferral


def defer(donor, reason, until=None, starts_on=None):
    starts_on = starts_on or timezone.localdate()
    if until is not None and until < starts_on:
        raise ValueError("deferral ends before it starts")
    return Deferral.objects.create(donor=donor, starts_on=starts_on, until=until, reason=reason)
