from pyspark.sql import SparkSession


def per_day(spark, days, out):
    events = spark.read.parquet("s3://lake/events").cache()
    for day in days:
        events.where(events.day == day).write.parquet(f"{out}/{day}")
