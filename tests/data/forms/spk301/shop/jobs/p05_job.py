from pyspark.sql import SparkSession

from shop.jobs.p05_helper import to_rows


def dump(spark):
    return to_rows(spark.table("events"))
