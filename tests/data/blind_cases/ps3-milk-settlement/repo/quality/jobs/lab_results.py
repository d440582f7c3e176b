"""Monthly check of the tankers' in-line analysers against the accredited labs.

Both labs send CSVs of the samples they tested, in their own layouts; they are brought to the same column names
and stacked, then compared with the tablet readings of the same pickups (matched on farm and collection time).
"""
from functools import reduce

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pickups.jobs.settlement import typed_pickups

LAB_COLUMNS = ["farm_code", "collected_at", "lab_fat_pct", "lab_protein_pct", "lab"]

LAB_LAYOUTS = {
    # lab: {their column: our column}
    "teagasc": {"Herd": "farm_code", "SampleTime": "collected_at", "Fat": "lab_fat_pct", "Protein": "lab_protein_pct"},
    "milkcheck": {"supplier_code": "farm_code", "sampled": "collected_at", "protein": "lab_protein_pct",
                  "butterfat": "lab_fat_pct"},
}


def load_lab(spark, lab, path):
    raw = spark.read.option("header", True).csv(path)
    renamed = raw.select([F.col(theirs).alias(ours) for theirs, ours in LAB_LAYOUTS[lab].items()])
    return renamed.withColumn("lab", F.lit(lab))


def lab_samples(spark, paths):
    """paths: {lab: path}. One row per lab sample with LAB_COLUMNS, typed."""
    frames = [load_lab(spark, lab, path) for lab, path in sorted(paths.items())]
    stacked = reduce(DataFrame.unionByName, frames)
    return stacked.select(
        F.trim("farm_code").alias("farm_code"),
        F.to_timestamp("collected_at").alias("collected_at"),
        F.col("lab_fat_pct").cast("double").alias("lab_fat_pct"),
        F.col("lab_protein_pct").cast("double").alias("lab_protein_pct"),
        "lab",
    )


def analyser_drift(raw_pickups, samples):
    """Per tanker: samples compared and mean difference tablet - lab for fat and protein (percentage points)."""
    pickups = typed_pickups(raw_pickups)
    joined = pickups.join(samples, ["farm_code", "collected_at"])
    return joined.groupBy("tanker").agg(
        F.count("*").alias("samples"),
        F.round(F.avg(F.col("fat_pct") - F.col("lab_fat_pct")), 3).alias("fat_drift"),
        F.round(F.avg(F.col("protein_pct") - F.col("lab_protein_pct")), 3).alias("protein_drift"),
    )
