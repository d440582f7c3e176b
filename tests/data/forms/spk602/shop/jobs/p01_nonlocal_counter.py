from pyspark.sql import SparkSession


def count_failed(spark, payments):
    failed = 0

    def check(row):
        nonlocal failed
        if row.status == "failed":
            failed += 1

    payments.foreach(check)
    return failed
