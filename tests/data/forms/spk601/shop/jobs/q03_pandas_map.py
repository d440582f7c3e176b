from pyspark.sql import SparkSession


def to_report(spark, df):
    frame = df.groupBy("country").count().toPandas()
    return frame["country"].map(lambda c: spark.conf.get("spark.app.name") + c)
