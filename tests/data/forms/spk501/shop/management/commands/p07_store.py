from django.core.management.base import BaseCommand
from django.db import connection
from pyspark.sql import SparkSession


class Command(BaseCommand):
    help = "Store scores with the Django connection."

    def handle(self, *args, **options):
        spark = SparkSession.builder.appName("store").getOrCreate()
        db = connection

        def store(rows):
            with db.cursor() as cur:
                for r in rows:
                    cur.execute("UPDATE scores SET value = %s WHERE id = %s", [r.value, r.id])

        spark.read.parquet("s3://lake/scores").foreachPartition(store)
