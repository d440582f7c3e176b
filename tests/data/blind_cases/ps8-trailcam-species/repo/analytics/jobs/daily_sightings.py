"""Daily sightings per reserve and species from the camera-trap classifier output.

Input: JSON lines with DETECTION_SCHEMA. A detection counts when its label is a known species and the
classifier's confidence reaches that species' `min_confidence`; bursts of frames from the same camera
within BURST_SECONDS are one sighting.
"""
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from analytics.jobs.schemas import DETECTION_SCHEMA, SPECIES_MATCH

BURST_SECONDS = 60


def load_detections(spark, path):
    return spark.read.schema(DETECTION_SCHEMA).json(path)


def species_matcher(species_bc):
    """UDF (label, confidence) -> SPECIES_MATCH, or null when unknown or below the species' threshold."""

    def match(label, confidence):
        species = species_bc.value.get(label)
        if species is None or confidence is None:
            return None
        if confidence < float(species.min_confidence):
            return None
        return (species.common_name, bool(species.protected), bool(species.invasive))

    return F.udf(match, SPECIES_MATCH, useArrow=False)


def camera_reserve(cameras_bc):
    return F.udf(lambda code: cameras_bc.value.get(code), "string", useArrow=False)


def accepted_detections(detections, species_bc, cameras_bc):
    matched = (
        detections
        .withColumn("match", species_matcher(species_bc)("label", "confidence"))
        .withColumn("reserve", camera_reserve(cameras_bc)("camera"))
        .where(F.col("match").isNotNull() & F.col("reserve").isNotNull())
    )
    return matched.select(
        "camera", "reserve", "captured_at",
        F.col("match.species").alias("species"),
        F.col("match.protected").alias("protected"),
        F.col("match.invasive").alias("invasive"),
    )


def collapse_bursts(accepted):
    """Consecutive frames of one species on one camera less than BURST_SECONDS apart are one sighting."""
    w = Window.partitionBy("camera", "species").orderBy("captured_at")
    gap = F.col("captured_at").cast("long") - F.lag(F.col("captured_at").cast("long")).over(w)
    return (
        accepted.withColumn("gap", gap)
        .where(F.col("gap").isNull() | (F.col("gap") >= BURST_SECONDS))
        .drop("gap")
    )


def daily_summary(sightings):
    return (
        sightings.withColumn("day", F.to_date("captured_at"))
        .groupBy("day", "reserve", "species")
        .agg(
            F.count("*").alias("sightings"),
            F.countDistinct("camera").alias("cameras"),
            F.max("protected").alias("protected"),
            F.max("invasive").alias("invasive"),
        )
    )


def run(spark, species_bc, cameras_bc, detections_path, out_path):
    """Write the summary as parquet to `out_path` and return its rows (one per reserve and species)."""
    detections = load_detections(spark, detections_path)
    summary = daily_summary(collapse_bursts(accepted_detections(detections, species_bc, cameras_bc)))
    summary.write.mode("overwrite").parquet(out_path)
    return spark.read.parquet(out_path).orderBy("reserve", "species").collect()
