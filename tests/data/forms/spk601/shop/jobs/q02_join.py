from pyspark.sql import SparkSession


def flag_suspicious(spark, events):
    blocked = spark.table("blocked_ips")
    return events.join(blocked, "ip", "left_semi")
