from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("lookup").getOrCreate()
rates = spark.read.parquet("s3://lake/rates")
prices = spark.read.parquet("s3://lake/prices")
converted = prices.rdd.map(lambda p: p.amount * rates.where(rates.ccy == p.ccy).first().rate)
print(converted.take(5))
