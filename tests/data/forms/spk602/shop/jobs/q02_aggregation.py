from pyspark.sql import SparkSession


def count_failed(spark, payments):
    return payments.where(payments.status == "failed").count()
