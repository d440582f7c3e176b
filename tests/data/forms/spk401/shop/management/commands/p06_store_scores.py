from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession

from shop.models import Customer


class Command(BaseCommand):
    help = "Store the churn scores."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("scores").getOrCreate()
        scores = spark.read.parquet("s3://lake/scores")

        def store(row):
            Customer.objects.filter(pk=row.customer_id).update(tier=row.tier)

        scores.foreach(store)
