from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Import a CSV export into the lake."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("import").getOrCreate()
        rows = spark.read.csv(options["path"], header=True)
        rows.write.mode("append").parquet(options["out"])
