from pyspark.sql import SparkSession

from shop.models import Customer


def with_names(spark, orders):
    # read once on the driver: executor processes have no Django set up (and would query per row)
    name_by_pk = spark.sparkContext.broadcast(dict(Customer.objects.values_list("pk", "name")))

    def name_of(row):
        return (row.id, name_by_pk.value[row.customer_id], row.total)

    return orders.rdd.map(name_of).toDF(["id", "customer_name", "total"])
