from pyspark.sql import SparkSession


def export_orders(spark, out):
    orders = spark.table("orders").where("status = 'paid'")
    for row in orders.collect():
        out.write(f"{row.id},{row.total}\n")
