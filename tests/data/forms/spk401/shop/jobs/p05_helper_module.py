from pyspark.sql import SparkSession

from shop.pricing import tier_of


def enrich(spark):
    orders = spark.read.parquet("s3://lake/orders")
    return orders.rdd.map(lambda o: (o.id, tier_of(o.customer_id)))
