import functools

from pyspark.sql import SparkSession


def all_days(spark, days):
    frames = []
    for day in days:
        frames.append(spark.read.json(f"s3://lake/events/{day}"))
    return functools.reduce(lambda a, b: a.union(b), frames)
