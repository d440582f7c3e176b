"""Turnstile faults: controller fault-log lines counted per day, gate, lane and fault code.

Fault logs are plain text, one fault per line::

    2024-03-09T13:01:02Z G03 L2 JAM rotor blocked 4s
"""
import logging
import operator
from datetime import date

from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

from .exports import write_csv

log = logging.getLogger(__name__)

FAULT_COUNT_SCHEMA = StructType(
    [
        StructField("day", StringType()),
        StructField("gate_code", StringType()),
        StructField("lane", IntegerType()),
        StructField("fault_code", StringType()),
        StructField("count", LongType()),
    ]
)


def parse_fault(line):
    """(day, gate, lane, code) for a fault line, None for anything else (banners, blank lines)."""
    parts = line.split(maxsplit=4)
    if len(parts) < 4:
        return None
    stamp, gate, lane, code = parts[:4]
    try:
        day = date.fromisoformat(stamp[:10]).isoformat()
        lane_no = int(lane.upper().lstrip("L"))
    except ValueError:
        return None
    return day, gate.upper(), lane_no, code.upper()


def fault_counts(lines):
    return (
        lines.map(parse_fault)
        .filter(lambda fault: fault is not None)
        .map(lambda fault: (fault, 1))
        .reduceByKey(operator.add)
    )


def run(spark, inputs, output_path):
    lines = spark.sparkContext.textFile(",".join(inputs))
    rows = fault_counts(lines).map(lambda kv: (*kv[0], kv[1]))
    write_csv(spark.createDataFrame(rows, FAULT_COUNT_SCHEMA), output_path)
    log.info("turnstile faults written to %s", output_path)
