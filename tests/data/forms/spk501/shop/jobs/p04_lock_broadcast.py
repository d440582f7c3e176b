import threading

from pyspark.sql import SparkSession


def guarded(spark, rows):
    guard = spark.sparkContext.broadcast(threading.Lock())
    return rows.rdd.map(lambda r: (r.id, guard.value is not None))
