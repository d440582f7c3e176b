def copy_csv(spark, path, out):
    """Copy a CSV drop into the lake as parquet."""
    spark.read.option("header", True).csv(path).write.mode("overwrite").parquet(out)
