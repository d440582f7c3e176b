"""Screening of phase picks: which picks are unusable for locating events, and why.

A pick is screened out when its signal-to-noise ratio is too low, when its travel-time residual
is too large for its phase (only for picks associated to an event), or when the trace was clipped.
"""
from collections import Counter
from dataclasses import dataclass, field

from pyspark.sql import functions as F
from pyspark.sql import types as T

REASONS = ("low_snr", "large_residual", "clipped")


@dataclass(frozen=True)
class ScreeningLimits:
    min_snr: float = 3.0
    max_residual_s: dict = field(default_factory=lambda: {"P": 1.5, "S": 3.0})
    clip_counts: float = 8_000_000

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        qc = settings.QC
        return cls(min_snr=qc["MIN_SNR"], max_residual_s=dict(qc["MAX_RESIDUAL_S"]), clip_counts=qc["CLIP_COUNTS"])


class PickScreener:
    """Applies the screening limits to picks; used by the pick-quality job."""

    def __init__(self, limits=None):
        self.limits = limits or ScreeningLimits()
        self.rejected = Counter()  # (station_id, reason) -> number of picks

    def reasons(self, pick):
        """Reasons why ``pick`` (a Row or a dict) is unusable, in REASONS order; [] when it is usable."""
        found = []
        snr = pick["snr"]
        if snr is None or snr < self.limits.min_snr:
            found.append("low_snr")
        residual = pick["residual_s"]
        max_residual = self.limits.max_residual_s.get(pick["phase"])
        if residual is not None and max_residual is not None and abs(residual) > max_residual:
            found.append("large_residual")
        amplitude = pick["amplitude"]
        if amplitude is not None and abs(amplitude) >= self.limits.clip_counts:
            found.append("clipped")
        return found

    def _tally(self, pick):
        for reason in self.reasons(pick):
            self.rejected[(pick["station_id"], reason)] += 1

    def screen(self, picks):
        """Count screened-out picks of a picks DataFrame: {(station_id, reason): picks}."""
        self.rejected.clear()
        picks.select("station_id", "phase", "snr", "residual_s", "amplitude").foreach(self._tally)
        return dict(self.rejected)

    def usable(self, picks):
        """Only the picks that pass screening (used for the relocation input)."""
        screener = self

        @F.udf(T.BooleanType())
        def passes(phase, snr, residual_s, amplitude):
            return not screener.reasons({"phase": phase, "snr": snr, "residual_s": residual_s,
                                         "amplitude": amplitude})

        return picks.where(passes("phase", "snr", "residual_s", "amplitude"))
