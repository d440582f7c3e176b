from pyspark.sql import SparkSession


def peek(spark, path):
    return spark.read.json(path).count()
