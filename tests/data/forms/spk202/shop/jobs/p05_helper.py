def write_single(frame, out):
    """Write ``frame`` as one parquet file."""
    frame.coalesce(1).write.mode("overwrite").parquet(out)
