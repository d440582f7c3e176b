from pyspark.sql import SparkSession

from shop.jobs.p05_helper import totals_per_region


def regional(spark):
    return totals_per_region(spark, ["north", "south"])
