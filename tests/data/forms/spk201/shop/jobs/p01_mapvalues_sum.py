from pyspark.sql import SparkSession


def merchant_totals(spark):
    payments = spark.read.parquet("s3://lake/payments")
    pairs = payments.rdd.map(lambda p: (p.merchant_id, p.amount))
    return pairs.groupByKey().mapValues(sum).toDF(["merchant_id", "total"])
