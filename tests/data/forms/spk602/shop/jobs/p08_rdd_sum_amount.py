from pyspark.sql import SparkSession


def paid_out(spark, payouts):
    paid = 0

    def add(row):
        nonlocal paid
        paid += row.amount

    payouts.rdd.foreach(add)
    return paid
