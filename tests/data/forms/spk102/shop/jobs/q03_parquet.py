from pyspark.sql import SparkSession


def copy(spark, path, out):
    spark.read.parquet(path).write.parquet(out)
