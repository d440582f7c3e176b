from django.db import connection
from pyspark.sql import SparkSession


def write_rows(rows):
    with connection.cursor() as cur:
        for r in rows:
            cur.execute("INSERT INTO totals VALUES (%s, %s)", [r.day, r.total])


def export(spark):
    spark.table("daily_totals").foreachPartition(write_rows)
