from pyspark.sql import SparkSession


def average_basket(spark):
    baskets = spark.table("orders").rdd.map(lambda o: (o.customer_id, o.total))
    return baskets.groupByKey().mapValues(lambda totals: sum(totals) / len(totals))
