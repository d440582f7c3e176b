from pyspark.sql import SparkSession

from shop.jobs.p02_params import combine_uploads


def run(spark, web_path, mobile_path):
    web = spark.read.parquet(web_path)
    mobile = spark.read.json(mobile_path)
    return combine_uploads(web, mobile)
