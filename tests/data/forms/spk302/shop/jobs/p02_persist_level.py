from pyspark import StorageLevel
from pyspark.sql import SparkSession


def per_tenant(spark, tenants):
    counts = {}
    for tenant in tenants:
        orders = spark.table(f"{tenant}.orders").persist(StorageLevel.MEMORY_AND_DISK)
        counts[tenant] = (orders.count(), orders.where("status = 'paid'").count())
    return counts
