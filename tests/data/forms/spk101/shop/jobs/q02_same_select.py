from pyspark.sql import SparkSession

COLUMNS = ["upload_id", "user_id", "bytes"]


def usage(spark, web_path, mobile_path):
    web = spark.read.parquet(web_path).select(*COLUMNS)
    mobile = spark.read.json(mobile_path).select(*COLUMNS)
    return web.union(mobile)
