from pyspark.sql import SparkSession


def top_ids(spark):
    ids = []
    for row in spark.table("orders").orderBy("total").limit(10).collect():
        ids.append(row.id)
    return ids
