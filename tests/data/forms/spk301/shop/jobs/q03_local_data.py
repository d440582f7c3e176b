from pyspark.sql import SparkSession


def words(spark, rows):
    return spark.createDataFrame(rows, ["word"]).distinct().collect()
