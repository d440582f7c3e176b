from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

EVENTS = StructType([StructField("id", StringType()), StructField("at", LongType())])


def load(spark, path):
    spark.read.schema(EVENTS).json(path).write.saveAsTable("raw.events")
