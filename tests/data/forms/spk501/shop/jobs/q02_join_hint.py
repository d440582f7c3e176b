from pyspark.sql import SparkSession, functions as F


def joined(spark, orders, regions):
    return orders.join(F.broadcast(regions), "region_id")
