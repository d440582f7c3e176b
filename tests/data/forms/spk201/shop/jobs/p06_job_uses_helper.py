from pyspark.sql import SparkSession

from shop.jobs.p06_helper_rollups import count_per_key


def logins(spark):
    pairs = spark.read.json("s3://lake/logins").rdd.map(lambda r: (r.user_id, r.at))
    return count_per_key(pairs).toDF(["user_id", "logins"])
