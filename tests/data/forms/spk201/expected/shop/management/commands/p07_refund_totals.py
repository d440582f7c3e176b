from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Refund totals per merchant."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("refund-totals").getOrCreate()
        refunds = spark.read.parquet("s3://lake/refunds").rdd.map(lambda r: (r.merchant_id, r.amount))
        for merchant, total in refunds.reduceByKey(lambda a, b: a + b).collect():
            self.stdout.write(f"{merchant}: {total}")
