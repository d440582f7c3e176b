"""Daily phase-pick quality per station.

Input: the picker's CSV export of one day (``<lake>/picks/<day>/``).
Output: a report {station_id: StationQuality}; ``manage.py pick_quality`` stores it in StationQC
and raises StationAlert rows for stations whose picks are mostly screened out. The usable picks
are also written as parquet for the weekly relocation run.
"""
from dataclasses import dataclass, field

from pyspark.sql import functions as F

from qc.picks import load_picks
from qc.screening import REASONS, PickScreener, ScreeningLimits


@dataclass
class StationQuality:
    station_id: str
    picks: int = 0
    p_picks: int = 0
    s_picks: int = 0
    mean_snr: float | None = None
    rejected_by_reason: dict = field(default_factory=dict)

    @property
    def rejected(self):
        # a pick can fail several checks; count it once per reason, as the operators' runbook does
        return sum(self.rejected_by_reason.values())

    @property
    def rejection_rate(self):
        return min(1.0, self.rejected / self.picks) if self.picks else 0.0


def station_counts(picks):
    return picks.groupBy("station_id").agg(
        F.count("*").alias("picks"),
        F.sum(F.when(F.col("phase") == "P", 1).otherwise(0)).alias("p_picks"),
        F.sum(F.when(F.col("phase") == "S", 1).otherwise(0)).alias("s_picks"),
        F.avg("snr").alias("mean_snr"),
    )


def build_report(count_rows, rejected):
    report = {}
    for row in count_rows:
        report[row["station_id"]] = StationQuality(
            station_id=row["station_id"], picks=row["picks"], p_picks=row["p_picks"], s_picks=row["s_picks"],
            mean_snr=round(row["mean_snr"], 2) if row["mean_snr"] is not None else None,
            rejected_by_reason={reason: 0 for reason in REASONS},
        )
    for (station_id, reason), n in rejected.items():
        if station_id in report:
            report[station_id].rejected_by_reason[reason] = n
    return report


def run(spark, picks_path, day, limits=None, usable_out=None):
    limits = limits or ScreeningLimits.from_settings()
    screener = PickScreener(limits)
    picks = load_picks(spark, picks_path, day).cache()
    try:
        count_rows = station_counts(picks).collect()
        rejected = screener.screen(picks)
        if usable_out:
            screener.usable(picks).drop("station_id").write.mode("overwrite").parquet(usable_out)
    finally:
        picks.unpersist()
    return build_report(count_rows, rejected)
