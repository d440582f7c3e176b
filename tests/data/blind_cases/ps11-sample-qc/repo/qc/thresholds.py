from dataclasses import asdict, dataclass

LOW_Q30 = "low_q30"
LOW_YIELD = "low_yield"


@dataclass(frozen=True)
class QcThresholds:
    min_pct_q30: float
    min_reads: int

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        return cls(min_pct_q30=float(settings.QC_MIN_PCT_Q30), min_reads=int(settings.QC_MIN_READS))

    def failure_reasons(self, reads, pct_q30):
        """Why a sample with ``reads`` PF reads and ``pct_q30`` % bases >= Q30 fails QC (empty list: it passes)."""
        reasons = []
        if pct_q30 is None or pct_q30 < self.min_pct_q30:
            reasons.append(LOW_Q30)
        if reads is None or reads < self.min_reads:
            reasons.append(LOW_YIELD)
        return reasons

    def as_dict(self):
        return asdict(self)
