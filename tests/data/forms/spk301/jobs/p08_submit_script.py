import json

from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("dump").getOrCreate()
events = spark.read.json("s3://lake/events/")
rows = events.select("id", "kind", "payload").collect()
print(json.dumps([r.asDict() for r in rows]))
