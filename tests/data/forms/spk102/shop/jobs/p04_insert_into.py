from pyspark.sql import SparkSession


def append_orders(spark, path):
    orders = spark.read.option("multiLine", True).json(path)
    orders.write.insertInto("warehouse.orders")
