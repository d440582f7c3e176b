from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Print every subscriber's email."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("emails").getOrCreate()
        subscribers = spark.read.parquet("s3://lake/subscribers")
        for row in subscribers.collect():
            self.stdout.write(row.email)
