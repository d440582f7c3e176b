import boto3
from pyspark.sql import SparkSession


def sizes(spark, prefixes):
    def size(prefix):
        bucket = boto3.resource("s3").Bucket("raw")
        return sum(o.size for o in bucket.objects.filter(Prefix=prefix))

    return spark.sparkContext.parallelize(prefixes).map(size).collect()
