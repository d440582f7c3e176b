from pyspark.sql import SparkSession


def merchant_totals(spark):
    pairs = spark.read.parquet("s3://lake/payments").rdd.map(lambda p: (p.merchant_id, p.amount))
    return pairs.reduceByKey(lambda a, b: a + b)
