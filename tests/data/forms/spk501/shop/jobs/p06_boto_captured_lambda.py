import boto3
from pyspark.sql import SparkSession


def upload(spark, frames):
    s3 = boto3.client("s3")
    frames.rdd.foreach(lambda r: s3.put_object(Bucket="exports", Key=r.key, Body=r.body))
