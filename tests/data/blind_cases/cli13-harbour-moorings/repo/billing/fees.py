"""Season mooring fees.

Berths are charged per metre for the season, on the berth length or the vessel's
length overall, whichever is greater, plus a flat surcharge for berths with shore
power. Holders who join or leave during the season pay pro rata by the day.
"""
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def billable_length(assignment):
    return max(assignment.berth.length_m, assignment.vessel.loa_m)


def full_season_fee(assignment):
    season = assignment.season
    fee = billable_length(assignment) * season.rate_per_metre
    if assignment.berth.has_power:
        fee += season.power_surcharge
    return fee


def season_fee(assignment, until=None):
    """Fee for the days the assignment covers, up to ``until`` (inclusive) if given."""
    season = assignment.season
    first = max(assignment.starts_on, season.starts_on)
    last = season.ends_on
    if assignment.released_on is not None:
        last = min(last, assignment.released_on)
    if until is not None:
        last = min(last, until)
    days = max((last - first).days + 1, 0)
    fee = full_season_fee(assignment) * Decimal(days) / Decimal(season.length_in_days)
    return fee.quantize(CENT, rounding=ROUND_HALF_UP)
