from pyspark.sql import SparkSession


def ids(spark, a, b):
    left = {r.id for r in spark.table(a).select("id").distinct().collect()}
    right = {r.id for r in spark.table(b).select("id").distinct().collect()}
    return left.union(right)
