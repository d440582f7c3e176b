from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("join").getOrCreate()
orders = spark.read.parquet("s3://lake/orders")
customers = spark.read.parquet("s3://lake/customers")
orders.join(customers, "customer_id").coalesce(1).write.parquet("s3://lake/joined")
