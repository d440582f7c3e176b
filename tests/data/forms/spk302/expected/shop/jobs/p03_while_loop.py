from pyspark.sql import SparkSession


def backfill(spark, start, end):
    day = start
    while day <= end:
        rows = spark.read.json(f"s3://lake/raw/{day}").cache()
        rows.write.mode("overwrite").parquet(f"s3://lake/clean/{day}")
        print(day, rows.count())
        rows.unpersist()
        day += 1
