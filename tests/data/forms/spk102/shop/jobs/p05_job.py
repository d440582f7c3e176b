from pyspark.sql import SparkSession

from shop.jobs.p05_helper import copy_csv


def nightly(spark):
    copy_csv(spark, "s3://drops/orders.csv", "s3://lake/orders")
