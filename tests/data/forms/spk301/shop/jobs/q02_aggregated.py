from pyspark.sql import SparkSession, functions as F


def per_day(spark):
    orders = spark.table("orders")
    return orders.groupBy("day").agg(F.sum("total").alias("total")).collect()
