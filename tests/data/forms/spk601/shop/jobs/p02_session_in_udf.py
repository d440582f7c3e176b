from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.appName("thumbs").getOrCreate()


@F.udf("string")
def owner_name(user_id):
    return spark.table("users").filter(F.col("id") == user_id).first().name


def with_owner(uploads):
    return uploads.withColumn("owner", owner_name("user_id"))
