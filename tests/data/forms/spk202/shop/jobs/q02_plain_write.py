from pyspark.sql import SparkSession


def export(spark, out):
    spark.table("orders").write.mode("overwrite").parquet(out)
