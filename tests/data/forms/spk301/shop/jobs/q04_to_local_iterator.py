from pyspark.sql import SparkSession


def export_orders(spark, out):
    for row in spark.table("orders").toLocalIterator():
        out.write(f"{row.id}\n")
