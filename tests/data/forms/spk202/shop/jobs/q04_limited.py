from pyspark.sql import SparkSession


def sample(spark, out):
    spark.table("orders").limit(1000).coalesce(1).write.json(out)
