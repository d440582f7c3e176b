from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("invoices").getOrCreate()
eu = spark.read.csv("s3://lake/invoices/eu", header=True)
us = spark.read.csv("s3://lake/invoices/us", header=True)
eu.unionByName(us).write.mode("overwrite").parquet("s3://lake/invoices/all")
