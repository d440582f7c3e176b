"""Course audit: which results must be held back for the referee before publishing.

A result goes to the review queue when the runner has no passing on one of the course mats (START and FINISH
included), or when the time between two consecutive mats means a pace faster than ``min_pace_s_per_km``
(short cut, bib swap, a chip carried by someone else).
"""
import logging

logger = logging.getLogger(__name__)


class CourseAudit:
    def __init__(self, mats, min_pace_s_per_km):
        """mats: [(mat code, km)] in course order."""
        self.mats = list(mats)
        self.min_pace = min_pace_s_per_km
        self.flags = {}

    def problems(self, passings):
        """Reasons to hold back one runner's result; passings: {mat: epoch ms}."""
        reasons = [f"no passing at {mat}" for mat, _ in self.mats if mat not in passings]
        seen = [(mat, km, passings[mat]) for mat, km in self.mats if mat in passings]
        for (mat_a, km_a, t_a), (mat_b, km_b, t_b) in zip(seen, seen[1:]):
            seconds = (t_b - t_a) / 1000
            if seconds <= 0 or seconds / (km_b - km_a) < self.min_pace:
                reasons.append(f"impossible split {mat_a}-{mat_b}: {seconds:.0f}s for {km_b - km_a:.2f} km")
        return reasons

    def audit(self, per_runner):
        """per_runner: DataFrame (bib, passings). Returns {bib: [reasons]} for the runners to hold back."""
        flags = self.flags

        def inspect(row):
            reasons = self.problems(row.passings or {})
            if reasons:
                flags[row.bib] = reasons

        per_runner.foreach(inspect)
        logger.info("course audit: %d runners held back for review", len(flags))
        return flags
