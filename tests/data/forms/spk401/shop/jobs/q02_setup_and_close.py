import django
from django.db import connection
from pyspark.sql import SparkSession


def save_partition(rows):
    django.setup()
    from shop.models import Customer

    try:
        Customer.objects.bulk_create([Customer(name=r.name, tier=r.tier) for r in rows])
    finally:
        connection.close()


def sync(spark):
    spark.read.parquet("s3://lake/customers").foreachPartition(save_partition)
