"""The job that uses p09's helper: it imports pyspark, the helper module does not."""
from pyspark.sql import SparkSession

from shop.jobs.p09_dict_of_instances_in_helper import broadcast_customers


def run(orders_path):
    spark = SparkSession.builder.getOrCreate()
    customers = broadcast_customers(spark)
    orders = spark.read.parquet(orders_path)
    return orders.rdd.map(lambda o: (o.id, customers.value[o.customer_id].tier)).collect()
