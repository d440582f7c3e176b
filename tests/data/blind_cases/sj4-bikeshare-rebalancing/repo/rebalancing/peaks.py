"""Demand weighting: tasks at stations that are about to hit a rush hour go first."""
from functools import lru_cache

from django.utils import timezone

# Local hours with the most departures, from last season's trips.
WEEKDAY_PEAKS = {7: 1.6, 8: 2.0, 9: 1.4, 17: 1.7, 18: 1.9, 19: 1.3}
WEEKEND_PEAKS = {11: 1.3, 12: 1.4, 15: 1.5, 16: 1.5, 17: 1.3}


@lru_cache(maxsize=None)
def hour_weights(is_weekend):
    """Weight per local hour (0-23). Pure function of the constants above, so caching it is safe."""
    peaks = WEEKEND_PEAKS if is_weekend else WEEKDAY_PEAKS
    return tuple(peaks.get(hour, 1.0) for hour in range(24))


def demand_weight(now, lookahead_hours=1):
    local = timezone.localtime(now)
    weights = hour_weights(local.weekday() >= 5)
    return max(weights[(local.hour + h) % 24] for h in range(lookahead_hours + 1))
