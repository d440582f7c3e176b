from pyspark.sql import SparkSession


def flag_suspicious(spark, events):
    blocked = {r.ip for r in spark.table("blocked_ips").select("ip").distinct().collect()}
    blocked_b = spark.sparkContext.broadcast(blocked)
    return events.rdd.filter(lambda e: e.ip in blocked_b.value)
