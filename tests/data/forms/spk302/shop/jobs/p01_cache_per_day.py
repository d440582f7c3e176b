from pyspark.sql import SparkSession


def daily(spark, days, out):
    for day in days:
        events = spark.read.parquet(f"s3://lake/events/{day}").cache()
        events.groupBy("kind").count().write.parquet(f"{out}/{day}/kinds")
        events.where("level = 'ERROR'").write.parquet(f"{out}/{day}/errors")
