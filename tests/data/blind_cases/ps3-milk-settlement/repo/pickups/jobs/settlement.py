"""Daily settlement of the milk supply per farm.

Input: the day's pickups from all tankers (the tablets' CSV columns, as strings, plus ``tanker``).
Output per farm: pickups, litres, kg fat and kg protein (litres x density x %), the highest bulk-tank temperature
and the volume-weighted mean SCC; ``price_day`` turns a farm's totals into the amount paid for the day.
"""
from decimal import ROUND_HALF_UP, Decimal

from pyspark.sql import functions as F

PICKUP_COLUMNS = ["farm_code", "collected_at", "litres", "fat_pct", "protein_pct", "temp_c", "scc"]


def typed_pickups(raw):
    return raw.select(
        "tanker",
        F.trim("farm_code").alias("farm_code"),
        F.to_timestamp("collected_at").alias("collected_at"),
        F.col("litres").cast("double").alias("litres"),
        F.col("fat_pct").cast("double").alias("fat_pct"),
        F.col("protein_pct").cast("double").alias("protein_pct"),
        F.col("temp_c").cast("double").alias("temp_c"),
        F.col("scc").cast("int").alias("scc"),
    ).filter(F.col("litres") > 0)


def farm_day_totals(raw, density):
    pickups = typed_pickups(raw)
    kg = F.col("litres") * F.lit(density)
    return pickups.groupBy("farm_code").agg(
        F.count("*").alias("pickups"),
        F.round(F.sum("litres"), 1).alias("litres"),
        F.round(F.sum(kg * F.col("fat_pct") / 100), 2).alias("fat_kg"),
        F.round(F.sum(kg * F.col("protein_pct") / 100), 2).alias("protein_kg"),
        F.max("temp_c").alias("max_temp_c"),
        F.round(F.sum(F.col("scc") * F.col("litres")) / F.sum("litres")).cast("int").alias("mean_scc"),
    )


def price_day(totals, schedule, scc_limit, scc_penalty):
    """Amount for one farm-day: fat and protein at the schedule's prices, minus the volume levy, minus the SCC
    penalty (a share of the gross) when the day's mean SCC is above the limit."""
    gross = (Decimal(str(totals["fat_kg"])) * schedule.fat_per_kg
             + Decimal(str(totals["protein_kg"])) * schedule.protein_per_kg)
    if totals["mean_scc"] is not None and totals["mean_scc"] > scc_limit:
        gross -= gross * Decimal(scc_penalty)
    amount = gross - Decimal(str(totals["litres"])) * schedule.levy_per_litre
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
