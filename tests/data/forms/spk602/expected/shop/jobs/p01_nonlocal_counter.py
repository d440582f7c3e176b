from pyspark.sql import SparkSession


def count_failed(spark, payments):
    failed = spark.sparkContext.accumulator(0)

    def check(row):
        if row.status == "failed":
            failed.add(1)

    payments.foreach(check)
    return failed.value
