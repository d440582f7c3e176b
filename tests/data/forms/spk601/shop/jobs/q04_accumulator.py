from pyspark.sql import SparkSession


def count_bad(spark, rows):
    bad = spark.sparkContext.accumulator(0)

    def check(row):
        if row.status == "bad":
            bad.add(1)

    rows.foreach(check)
    return bad.value
