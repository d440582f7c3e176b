"""Gate flow: admitted, rejected and re-entry scans per match, gate and minute.

Feeds the stewarding heatmap (turnstiles.GateFlowMinute) and the post-match ingress report the safety officer
files with the local authority. Run by ``manage.py build_gate_flow``; a full-season backfill is the same
command with ``--date``/``--to`` spanning the season.
"""
import logging

from pyspark.sql import functions as F

from .exports import write_sorted_csv
from .scans import ADMIT, DENY, REENTRY, clean_scans, read_scans, result_flag

log = logging.getLogger(__name__)

FLOW_KEYS = ["match_code", "gate_code", "minute"]


def gate_minute_flow(scans):
    return (
        scans.withColumn("minute", F.date_trunc("minute", "scanned_at"))
        .groupBy(*FLOW_KEYS)
        .agg(
            F.sum(result_flag(ADMIT)).alias("admitted"),
            F.sum(result_flag(DENY)).alias("rejected"),
            F.sum(result_flag(REENTRY)).alias("reentries"),
        )
    )


def run(spark, inputs, output_path):
    scans = clean_scans(read_scans(spark, inputs))
    flow = gate_minute_flow(scans)
    write_sorted_csv(flow, output_path, FLOW_KEYS)
    log.info("gate flow written to %s", output_path)
