from pyspark.sql import SparkSession

from shop.jobs.p05_helper import write_single


def snapshot(spark, out):
    write_single(spark.table("stock"), out)
