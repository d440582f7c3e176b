from pyspark.sql import SparkSession


def sample(spark):
    return spark.table("orders").orderBy("created").limit(20).collect()
