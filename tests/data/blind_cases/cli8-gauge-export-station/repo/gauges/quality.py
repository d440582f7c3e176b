"""Spike detection on 15-minute stage series."""
from dataclasses import dataclass

from .models import Reading


@dataclass
class Spike:
    reading_id: int
    jump_mm: int


def find_spikes(readings, threshold_mm):
    """Readings whose stage jumps more than threshold_mm from BOTH neighbours in the same direction.

    A genuine flood rise keeps going; a telemetry spike comes straight back down."""
    series = [r for r in readings if r.stage_mm is not None]
    spikes = []
    for prev, cur, nxt in zip(series, series[1:], series[2:]):
        up = cur.stage_mm - prev.stage_mm
        down = cur.stage_mm - nxt.stage_mm
        if abs(up) > threshold_mm and abs(down) > threshold_mm and (up > 0) == (down > 0):
            spikes.append(Spike(reading_id=cur.pk, jump_mm=up))
    return spikes


def mark_suspect(spikes):
    ids = [s.reading_id for s in spikes]
    return Reading.objects.filter(pk__in=ids, quality=Reading.Quality.GOOD).update(
        quality=Reading.Quality.SUSPECT, note="spike")
