from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("cheapest-shipping").getOrCreate()
quotes = spark.read.csv("s3://lake/quotes", header=True, inferSchema=True)
cheapest = quotes.rdd.map(lambda q: (q.zone, q.price)).reduceByKey(min, 32)
cheapest.toDF(["zone", "price"]).write.mode("overwrite").parquet("s3://lake/cheapest")
