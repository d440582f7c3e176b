"""Result objects the QC jobs fill in while going over their metrics."""
from collections import Counter
from dataclasses import dataclass, field

from .thresholds import QcThresholds


@dataclass
class QcSummary:
    """Failed samples of one QC run and how often each failure reason occurred."""

    thresholds: QcThresholds
    failed: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def observe(self, row):
        """Evaluate one per-sample metrics row (sample_id, reads, pct_q30, ...)."""
        reasons = self.thresholds.failure_reasons(row["reads"], row["pct_q30"])
        if not reasons:
            return
        self.failed.append(row["sample_id"])
        self.counts.update(reasons)

    @property
    def failed_count(self):
        return len(self.failed)

    def failed_sample_ids(self):
        return sorted(set(self.failed))
