from pyspark.sql import SparkSession

from shop.models import Customer


def with_emails(spark, orders):
    # read once on the driver: executor processes have no Django set up (and would query per row)
    email_by_pk = spark.sparkContext.broadcast(dict(Customer.objects.values_list("pk", "email")))
    return orders.rdd.map(lambda o: (o.id, email_by_pk.value[o.customer_id])).toDF(["id", "email"])
