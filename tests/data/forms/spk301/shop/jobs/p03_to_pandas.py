from pyspark.sql import SparkSession


def orders_frame(spark):
    return spark.read.json("s3://lake/orders/").toPandas()
