from pyspark.sql import SparkSession

from shop.money import sum


def merchant_totals(spark):
    pairs = spark.read.parquet("s3://lake/payments").rdd.map(lambda p: (p.merchant_id, p.amount))
    return pairs.groupByKey().mapValues(sum)
