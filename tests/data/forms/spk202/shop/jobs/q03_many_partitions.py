from pyspark.sql import SparkSession


def export(spark, out):
    spark.table("orders").repartition(32).write.parquet(out)
