"""Session pricing: energy at the charger's price per kWh plus an idle fee for blocking the bay after charging."""
import math
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")


def energy_cost(charger, energy_wh):
    if energy_wh < settings.VOLTPARK["MIN_BILLABLE_WH"]:
        return Decimal("0.00")
    return (charger.price_per_kwh * Decimal(energy_wh) / 1000).quantize(CENT, rounding=ROUND_HALF_UP)


def idle_minutes(charger, ended_at, plugged_out_at):
    """Minutes the car stayed plugged in after charging stopped, beyond the charger's grace period."""
    if ended_at is None or plugged_out_at is None or plugged_out_at <= ended_at:
        return 0
    minutes = math.floor((plugged_out_at - ended_at).total_seconds() / 60)
    return max(minutes - charger.idle_grace_minutes, 0)


def idle_fee(charger, ended_at, plugged_out_at):
    return (charger.idle_fee_per_minute * idle_minutes(charger, ended_at, plugged_out_at)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def price_session(session):
    """Set ``energy_amount`` and ``idle_fee`` from the meter values; returns True if anything changed."""
    energy = energy_cost(session.charger, session.energy_wh)
    idle = idle_fee(session.charger, session.ended_at, session.plugged_out_at)
    if (energy, idle) == (session.energy_amount, session.idle_fee):
        return False
    session.energy_amount, session.idle_fee = energy, idle
    return True
