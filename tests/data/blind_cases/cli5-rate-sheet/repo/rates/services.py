"""Bulk rate operations used by the management commands and the back office."""
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from .models import NightlyRate


class RateRuleError(Exception):
    pass


def nights(start, end):
    """Every night from ``start`` to ``end``, both included."""
    if end < start:
        raise RateRuleError(f"range ends before it starts: {start}..{end}")
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def adjusted(amount, percent):
    factor = Decimal(100) + Decimal(str(percent))
    return (amount * factor / Decimal(100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def adjust_rates(room_type, start, end, percent):
    """Raise or lower every existing rate of ``room_type`` in the range by ``percent``.

    Either every night is adjusted or, if one of them would leave the floor/ceiling band, none is.
    """
    changed = []
    with transaction.atomic():
        rates = NightlyRate.objects.select_for_update().filter(
            room_type=room_type, night__gte=start, night__lte=end
        )
        for rate in rates:
            new_amount = adjusted(rate.amount, percent)
            if not room_type.accepts(new_amount):
                raise RateRuleError(
                    f"{room_type} {rate.night}: {rate.amount} {percent:+}% = {new_amount} is outside "
                    f"{room_type.rate_floor}..{room_type.rate_ceiling}"
                )
            rate.amount = new_amount
            rate.save(update_fields=["amount", "updated_at"])
            changed.append(rate)
    return changed


def close_out(room_type, start, end, reopen=False):
    """Stop sell (or reopen) a room type for a range of nights; nights without a rate are skipped."""
    with transaction.atomic():
        updated = 0
        for night in nights(start, end):
            rate = NightlyRate.objects.filter(room_type=room_type, night=night).first()
            if rate is None or rate.closed == (not reopen):
                continue
            rate.closed = not reopen
            rate.save(update_fields=["closed", "updated_at"])
            updated += 1
    return updated


def copy_rates(source_room_type, target_room_type, start, end, difference=Decimal("0.00")):
    """Create or overwrite the target's rates from the source's, plus a fixed difference."""
    with transaction.atomic():
        copied = 0
        for rate in NightlyRate.objects.filter(room_type=source_room_type, night__gte=start, night__lte=end):
            amount = rate.amount + difference
            if not target_room_type.accepts(amount):
                raise RateRuleError(f"{target_room_type} {rate.night}: {amount} is outside the allowed band")
            NightlyRate.objects.update_or_create(
                room_type=target_room_type, night=rate.night,
                defaults={"amount": amount, "min_stay": rate.min_stay, "closed": rate.closed},
            )
            copied += 1
    return copied
