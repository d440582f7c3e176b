from pyspark.sql import SparkSession


def load(spark, path, out):
    spark.read.format("csv").option("header", "true").load(path).write.parquet(out)
