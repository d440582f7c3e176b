from pyspark.sql import SparkSession


def export(spark, day, out):
    events = spark.read.json("s3://lake/events/")
    events.where(events.day == day).coalesce(1).write.mode("overwrite").parquet(out)
