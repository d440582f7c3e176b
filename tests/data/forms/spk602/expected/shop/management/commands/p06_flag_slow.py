from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "List the slow deliveries."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("slow").getOrCreate()
        slow = []

        def collect_slow(row):
            if row.hours > 48:
                yield row.parcel_id

        slow.extend(spark.read.parquet("s3://lake/deliveries").rdd.flatMap(collect_slow).toLocalIterator())
        self.stdout.write(f"{len(slow)} slow deliveries")
