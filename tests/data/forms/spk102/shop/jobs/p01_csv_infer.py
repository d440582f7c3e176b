from pyspark.sql import SparkSession


def load(spark, path, out):
    uploads = spark.read.csv(path, header=True, inferSchema=True)
    uploads.write.mode("append").parquet(out)
