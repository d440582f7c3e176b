"""Per-species figures of one ringing season, over the whole capture history of the site.

For the season ``year``, per species (distinct birds, i.e. rings):
  new_birds               ringed this season
  retraps_same_season     re-caught this season, ringed earlier this season
  retraps_earlier_seasons re-caught this season, ringed here in an earlier season
  controls                re-caught this season, never ringed here (ringed elsewhere)
  oldest_years            most seasons between ringing and a re-capture this season
"""
from dataclasses import dataclass
from functools import reduce

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from surveys.loaders import CAPTURE_COLUMNS, load_app_captures, load_legacy_captures


@dataclass(frozen=True)
class SpeciesFigures:
    species: str
    new_birds: int
    retraps_same_season: int
    retraps_earlier_seasons: int
    controls: int
    oldest_years: int | None


def load_captures(spark, legacy_paths=(), app_paths=()):
    """All captures, RingBase seasons and app seasons, in CAPTURE_COLUMNS layout."""
    frames = [load_legacy_captures(spark, p).select(*CAPTURE_COLUMNS) for p in legacy_paths]
    frames += [load_app_captures(spark, p).select(*CAPTURE_COLUMNS) for p in app_paths]
    if not frames:
        raise ValueError("no capture files given")
    return reduce(DataFrame.union, frames)


def ring_histories(captures):
    """One row per ring: date it was ringed here (null for foreign rings) and number of captures."""
    return captures.groupBy("ring").agg(
        F.min(F.when(F.col("capture_type") == "new", F.col("capture_date"))).alias("ringed_on"),
        F.count("*").alias("captures"),
    )


def season_figures(captures, year):
    season = captures.where(F.year("capture_date") == year)
    joined = season.join(ring_histories(captures), "ring", "left")
    ringed_year = F.year("ringed_on")
    is_retrap = F.col("capture_type") != "new"
    ring_if = lambda cond: F.when(cond, F.col("ring"))  # noqa: E731
    rows = joined.groupBy("species").agg(
        F.countDistinct(ring_if(F.col("capture_type") == "new")).alias("new_birds"),
        F.countDistinct(ring_if(is_retrap & (ringed_year == year))).alias("retraps_same_season"),
        F.countDistinct(ring_if(is_retrap & (ringed_year < year))).alias("retraps_earlier_seasons"),
        F.countDistinct(ring_if(is_retrap & F.col("ringed_on").isNull())).alias("controls"),
        F.max(F.when(is_retrap & (ringed_year < year), F.lit(year) - ringed_year)).alias("oldest_years"),
    ).collect()
    return {
        r["species"]: SpeciesFigures(r["species"], r["new_birds"], r["retraps_same_season"],
                                     r["retraps_earlier_seasons"], r["controls"], r["oldest_years"])
        for r in rows
    }


def run(spark, legacy_paths, app_paths, year):
    captures = load_captures(spark, legacy_paths, app_paths)
    return season_figures(captures, year)
