from pyspark.sql import SparkSession

from shop.models import Customer


def with_names(spark, orders):
    def name_of(row):
        return (row.id, Customer.objects.get(pk=row.customer_id).name, row.total)

    return orders.rdd.map(name_of).toDF(["id", "customer_name", "total"])
