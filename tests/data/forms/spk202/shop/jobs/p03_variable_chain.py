from pyspark.sql import SparkSession


def export_customers(spark, out):
    customers = spark.read.parquet("s3://lake/customers").select("id", "email")
    writer = customers.coalesce(1).write.mode("overwrite")
    writer.json(out)
