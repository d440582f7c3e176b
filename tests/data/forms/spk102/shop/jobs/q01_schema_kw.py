from pyspark.sql import SparkSession

UPLOADS = "upload_id string, user_id string, bytes bigint"


def load(spark, path, out):
    spark.read.csv(path, header=True, schema=UPLOADS).write.parquet(out)
