from django.core.management.base import BaseCommand
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Merge the two stores' exports."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("merge").getOrCreate()
        north = spark.read.option("header", True).csv(options["north"])
        south = spark.read.option("header", True).csv(options["south"])
        north.unionByName(south).write.mode("overwrite").parquet(options["out"])
