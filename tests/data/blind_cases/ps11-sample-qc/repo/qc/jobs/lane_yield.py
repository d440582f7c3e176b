"""Per-lane yield summary for the run report (reads, PF %, yield, %Q30 per lane)."""
import logging

from django.conf import settings
from pyspark.sql import functions as F

from qc.schema import load_read_metrics
from qc.services import get_sequencing_run, record_lane_yields
from qc.validation import RecordValidator

logger = logging.getLogger("qc.jobs.lane_yield")


def lane_metrics(reads):
    valid = reads.filter(F.col("lane").isNotNull() & (F.col("length") > 0) & F.col("q30_bases").isNotNull()
                         & (F.col("q30_bases") <= F.col("length")))
    pf = F.coalesce(F.col("pf"), F.lit(False))
    return (
        valid.groupBy("lane")
        .agg(
            F.count(F.lit(1)).alias("reads"),
            F.sum(F.when(pf, 1).otherwise(0)).alias("pf_reads"),
            F.sum(F.when(pf, F.col("length")).otherwise(0)).alias("yield_bases"),
            F.sum(F.when(pf, F.col("q30_bases")).otherwise(0)).alias("pf_q30_bases"),
        )
        .withColumn("pf_pct", F.round(F.col("pf_reads") * 100.0 / F.col("reads"), 2))
        .withColumn("pct_q30", F.round(F.col("pf_q30_bases") * 100.0 / F.col("yield_bases"), 2))
        .orderBy("lane")
    )


def run(spark, input_path, run_id):
    seq_run = get_sequencing_run(run_id)
    min_pf_pct = settings.QC_MIN_LANE_PF_PCT
    reads = load_read_metrics(spark, input_path)

    validator = RecordValidator(spark.sparkContext)
    reads.foreach(validator.check)

    per_lane = lane_metrics(reads)
    low_pf_lanes = per_lane.filter(F.col("pf_pct") < min_pf_pct).count()
    lanes = [
        {**row.asDict(), "pct_q30": row["pct_q30"] or 0.0}
        for row in per_lane.collect()
    ]
    record_lane_yields(seq_run, lanes, validator.skipped, min_pf_pct)
    logger.info("lane yield %s: %d lanes (%d below %.0f%% PF), %d records skipped", run_id, len(lanes),
                low_pf_lanes, min_pf_pct, validator.skipped)
    return lanes
