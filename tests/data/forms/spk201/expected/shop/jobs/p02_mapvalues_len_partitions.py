from pyspark.sql import SparkSession


def visits_per_page(spark, day):
    hits = spark.table("hits").where(f"day = '{day}'").rdd.map(lambda h: (h.page, h.session_id))
    return hits.mapValues(lambda _: 1).reduceByKey(lambda a, b: a + b, numPartitions=64).collectAsMap()
