from django.db import connection
from pyspark.sql import SparkSession

from shop.workers import close_db, ensure_django


def write_rows(rows):
    ensure_django()
    try:
        with connection.cursor() as cur:
            for r in rows:
                cur.execute("INSERT INTO totals VALUES (%s, %s)", [r.day, r.total])
    finally:
        close_db()


def export(spark):
    spark.table("daily_totals").foreachPartition(write_rows)
