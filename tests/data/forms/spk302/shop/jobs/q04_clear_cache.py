from pyspark.sql import SparkSession


def daily(spark, days):
    for day in days:
        events = spark.read.parquet(f"s3://lake/events/{day}").cache()
        print(day, events.count())
        spark.catalog.clearCache()
