"""Reading the lift-gate scan exports the resorts' gate systems upload every night.

Each resort's gate system drops one CSV per operating day into its own folder:

    <GATE_EXPORT_ROOT>/<resort.export_folder>/scans_<YYYYMMDD>.csv

All vendors export the same fields (see ``EXPORT_COLUMNS``); header spelling
varies a little (``Gate_ID`` vs ``gate_id``), which ``read_scan_export`` evens out.
"""
import logging
from functools import reduce
from pathlib import Path

from django.conf import settings
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

logger = logging.getLogger(__name__)

EXPORT_COLUMNS = ("scan_id", "scanned_at", "gate_id", "pass_id", "pass_type", "result")
ACCEPTED = "OK"


class MissingExports(Exception):
    pass


def export_path(resort, day, export_root=None):
    root = Path(export_root or settings.GATE_EXPORT_ROOT)
    return root / resort.export_folder / f"scans_{day:%Y%m%d}.csv"


def _clean_name(name):
    return name.strip().lower().replace(" ", "_")


def read_scan_export(spark, path):
    """One resort's export for one day, with header names normalised."""
    df = spark.read.csv(str(path), header=True)
    for name in df.columns:
        if _clean_name(name) != name:
            df = df.withColumnRenamed(name, _clean_name(name))
    missing = set(EXPORT_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: export is missing columns {sorted(missing)}")
    return df


def load_gate_scans(spark, resorts, day, export_root=None):
    """All resorts' gate scans for ``day`` as one DataFrame, tagged with a ``resort`` column.

    Resorts whose export has not arrived are skipped with a warning; if none
    has arrived at all, :class:`MissingExports` is raised.
    """
    frames = []
    for resort in resorts:
        path = export_path(resort, day, export_root)
        if not path.exists():
            logger.warning("no gate export for %s on %s (%s)", resort.code, day, path)
            continue
        frames.append(read_scan_export(spark, path).withColumn("resort", F.lit(resort.code)))
    if not frames:
        raise MissingExports(f"no gate exports found for {day}")
    return reduce(DataFrame.union, frames)


def accepted_scans(scans):
    """Only scans the gate let through, each scan once (vendors re-send late batches)."""
    return (
        scans.filter(F.upper(F.trim("result")) == ACCEPTED)
        .dropDuplicates(["resort", "scan_id"])
    )
