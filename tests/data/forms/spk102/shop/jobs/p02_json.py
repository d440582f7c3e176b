from pyspark.sql import SparkSession


def load_events(spark, path):
    events = spark.read.json(path)
    events.write.mode("append").saveAsTable("raw.events")
