"""Per-read metrics as written by the demux pipeline (one row per read/cluster).

Columns: sample_id, lane, read_id, length (bases), q30_bases (bases with Q >= 30), mean_qscore, pf (passed the
instrument's chastity filter). Production data is Parquet; re-exports and test fixtures are CSV/TSV with a header.
"""
from pyspark.sql.types import (BooleanType, DoubleType, IntegerType, StringType, StructField,
                               StructType)

READ_METRICS_SCHEMA = StructType([
    StructField("sample_id", StringType(), nullable=False),
    StructField("lane", IntegerType(), nullable=True),
    StructField("read_id", StringType(), nullable=True),
    StructField("length", IntegerType(), nullable=True),
    StructField("q30_bases", IntegerType(), nullable=True),
    StructField("mean_qscore", DoubleType(), nullable=True),
    StructField("pf", BooleanType(), nullable=True),
])

READ_METRICS_COLUMNS = [f.name for f in READ_METRICS_SCHEMA.fields]


def load_read_metrics(spark, path):
    path = str(path)
    if path.endswith((".csv", ".csv.gz")):
        return spark.read.csv(path, header=True, schema=READ_METRICS_SCHEMA)
    if path.endswith((".tsv", ".tsv.gz")):
        return spark.read.csv(path, header=True, sep="\t", schema=READ_METRICS_SCHEMA)
    return spark.read.schema(READ_METRICS_SCHEMA).parquet(path)
