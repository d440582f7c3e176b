from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Export the click log."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("clicks").getOrCreate()
        clicks = spark.read.parquet("s3://lake/clicks")
        clicks.coalesce(1).write.mode("overwrite").csv(options["out"])
