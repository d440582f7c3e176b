"""Per-sample QC of a sequencing run.

Aggregates the per-read metrics to one row per sample (PF reads, bases, %Q30), checks every sample against the
QC thresholds and stores the outcome as a ``QcRun``. Samples that fail are held back from release.
"""
import logging

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from qc.schema import load_read_metrics
from qc.services import fail_qc_run, finish_qc_run, get_sequencing_run, start_qc_run
from qc.summary import QcSummary
from qc.thresholds import QcThresholds

logger = logging.getLogger("qc.jobs.sample_qc")


def sample_metrics(reads: DataFrame) -> DataFrame:
    """One row per sample: sample_id, reads, bases, q30_bases, pct_q30, mean_qscore (PF reads only)."""
    return (
        reads.filter(F.col("pf") & F.col("length").isNotNull())
        .groupBy("sample_id")
        .agg(
            F.count(F.lit(1)).alias("reads"),
            F.sum("length").alias("bases"),
            F.sum("q30_bases").alias("q30_bases"),
            F.avg("mean_qscore").alias("mean_qscore"),
        )
        .withColumn("pct_q30", F.round(F.col("q30_bases") * 100.0 / F.col("bases"), 2))
    )


def run(spark, input_path, run_id):
    seq_run = get_sequencing_run(run_id)
    thresholds = QcThresholds.from_settings()
    qc_run = start_qc_run(seq_run, input_path, thresholds)
    logger.info("sample QC %s: reading %s", run_id, input_path)
    try:
        per_sample = sample_metrics(load_read_metrics(spark, input_path)).cache()
        total = per_sample.count()
        summary = QcSummary(thresholds)
        per_sample.foreach(summary.observe)
        per_sample.unpersist()
    except Exception as exc:
        fail_qc_run(qc_run, exc)
        raise
    finish_qc_run(qc_run, total, summary)
    logger.info("sample QC %s: %d samples, %d failed (thresholds: q30>=%s, reads>=%s)", run_id, total,
                qc_run.failed_count, thresholds.min_pct_q30, thresholds.min_reads)
    return qc_run
