"""Match attendance: per-match totals and the busiest gate, for MatchAttendance."""
import logging

from pyspark.sql import Window
from pyspark.sql import functions as F

from .exports import write_csv
from .scans import ADMIT, DENY, REENTRY, clean_scans, read_scans, result_flag

log = logging.getLogger(__name__)


def match_totals(scans):
    entered = F.col("result").isin(ADMIT, REENTRY)
    admit_time = F.when(F.col("result") == ADMIT, F.col("scanned_at"))
    return scans.groupBy("match_code").agg(
        F.sum(result_flag(ADMIT)).alias("admitted"),
        F.countDistinct(F.when(entered, F.col("ticket_id"))).alias("unique_tickets"),
        F.sum(result_flag(DENY)).alias("rejected"),
        F.sum(result_flag(REENTRY)).alias("reentries"),
        F.min(admit_time).alias("first_admit_at"),
        F.max(admit_time).alias("last_admit_at"),
    )


def busiest_gates(scans):
    per_gate = (
        scans.where(F.col("result") == ADMIT)
        .groupBy("match_code", "gate_code")
        .agg(F.count(F.lit(1)).alias("busiest_gate_admitted"))
    )
    rank = Window.partitionBy("match_code").orderBy(F.desc("busiest_gate_admitted"), F.asc("gate_code"))
    return (
        per_gate.withColumn("rank", F.row_number().over(rank))
        .where(F.col("rank") == 1)
        .select("match_code", F.col("gate_code").alias("busiest_gate_code"), "busiest_gate_admitted")
    )


def run(spark, inputs, output_path):
    scans = clean_scans(read_scans(spark, inputs))
    attendance = match_totals(scans).join(busiest_gates(scans), "match_code", "left")
    write_csv(attendance, output_path)
    log.info("match attendance written to %s", output_path)
