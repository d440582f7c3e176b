from pyspark.sql import SparkSession


def frames(spark, days):
    kept = []
    for day in days:
        frame = spark.read.parquet(f"s3://lake/events/{day}").cache()
        kept.append(frame)
    return kept
