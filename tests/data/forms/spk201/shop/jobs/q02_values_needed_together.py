from pyspark.sql import SparkSession


def sessions(spark):
    hits = spark.table("hits").rdd.map(lambda h: (h.session_id, (h.at, h.page)))
    return hits.groupByKey().mapValues(sorted)
