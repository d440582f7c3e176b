from pyspark.sql import SparkSession

from shop.models import Customer


def gold_orders(spark, orders):
    customers = Customer.objects.filter(tier="gold")
    gold = spark.sparkContext.broadcast(customers)
    return orders.rdd.filter(lambda o: o.customer_id in {c.pk for c in gold.value})
