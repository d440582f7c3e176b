from pyspark.sql import SparkSession


def paid_out(spark, payouts):
    paid = spark.sparkContext.accumulator(0)

    def add(row):
        paid.add(row.amount)

    payouts.rdd.foreach(add)
    return paid.value
