from pyspark.sql import SparkSession, functions as F


def daily(spark, out):
    summary = spark.table("orders").groupBy("day").agg(F.sum("total").alias("total"))
    summary.coalesce(1).write.mode("overwrite").csv(out, header=True)
