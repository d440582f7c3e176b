from pyspark.sql import SparkSession


def last_order_at(spark):
    orders = spark.table("orders").rdd.map(lambda o: (o.customer_id, o.created_at))
    return orders.reduceByKey(max)
