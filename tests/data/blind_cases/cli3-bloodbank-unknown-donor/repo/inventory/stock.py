"""Status changes of units after intake: release, issue, discard, expiry."""
from django.db import transaction
from django.utils import timezone

from .models import Discard, Issue, Unit


class StockError(Exception):
    pass


def release_tested(dins):
    """Lab results are in: quarantined units without an extra hold become available."""
    return Unit.objects.filter(din__in=dins, status=Unit.Status.QUARANTINE, hold_reason="").update(
        status=Unit.Status.AVAILABLE)


def discard_unit(unit, reason, now=None):
    if unit.status in (Unit.Status.ISSUED, Unit.Status.DISCARDED):
        raise StockError(f"unit {unit.din} is {unit.status}")
    with transaction.atomic():
        unit.status = Unit.Status.DISCARDED
        unit.save(update_fields=["status"])
        Discard.objects.create(unit=unit, reason=reason, discarded_at=now or timezone.now())


def issue_units(hospital, dins, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        units = list(Unit.objects.select_for_update().filter(din__in=dins))
        found = {u.din for u in units}
        missing = [d for d in dins if d not in found]
        if missing:
            raise StockError(f"unknown DIN(s): {', '.join(missing)}")
        not_available = [u.din for u in units if u.status != Unit.Status.AVAILABLE]
        if not_available:
            raise StockError(f"not available: {', '.join(not_available)}")
        if any(u.expires_on < timezone.localdate(now) for u in units):
            raise StockError("expired unit(s) in the request")
        issue = Issue.objects.create(hospital=hospital, issued_at=now)
        issue.units.set(units)
        Unit.objects.filter(pk__in=[u.pk for u in units]).update(status=Unit.Status.ISSUED)
    return issue


def expire_units(today=None):
    today = today or timezone.localdate()
    return Unit.objects.filter(
        status__in=[Unit.Status.QUARANTINE, Unit.Status.AVAILABLE], expires_on__lt=today,
    ).update(status=Unit.Status.EXPIRED)
