from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("hourly").getOrCreate()
for hour in range(24):
    clicks = spark.read.parquet(f"s3://lake/clicks/hour={hour}").cache()
    clicks.groupBy("page").count().write.parquet(f"s3://lake/pages/hour={hour}")
