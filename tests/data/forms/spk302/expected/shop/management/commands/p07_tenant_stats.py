from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Order counts per tenant."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("tenants").getOrCreate()
        for tenant in options["tenants"]:
            orders = spark.table(f"{tenant}.orders").cache()
            self.stdout.write(f"{tenant}: {orders.count()} orders")
            orders.unpersist()
