from pyspark.sql import SparkSession


def flag_suspicious(spark, events):
    blocked = spark.table("blocked_ips")
    return events.rdd.filter(lambda e: blocked.filter(blocked.ip == e.ip).count() > 0)
