from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
events = spark.read.format("json").option("multiLine", True).load("s3://drops/events/")
events.write.mode("append").saveAsTable("raw.events")
