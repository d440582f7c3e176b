from pyspark.sql import SparkSession

from shop.models import Customer


def with_emails(spark, orders):
    return orders.rdd.map(lambda o: (o.id, Customer.objects.get(pk=o.customer_id).email)).toDF(["id", "email"])
