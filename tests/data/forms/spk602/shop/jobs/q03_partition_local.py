from pyspark.sql import SparkSession


def batches(rows):
    batch = []
    for row in rows:
        batch.append(row.id)
    yield len(batch)


def sizes(spark):
    return spark.table("orders").rdd.mapPartitions(batches).collect()
