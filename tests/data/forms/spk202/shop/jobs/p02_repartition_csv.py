from pyspark.sql import SparkSession


def export_orders(spark, out):
    spark.table("orders").repartition(1).write.csv(out, header=True)
