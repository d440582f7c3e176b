from django.conf import settings
from pyspark.sql import SparkSession


def get_spark(app_name="windops"):
    builder = (
        SparkSession.builder.appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.execution.pythonUDF.arrow.enabled", "false")  # no pandas/pyarrow on the workers
    )
    if settings.SPARK_MASTER:
        builder = builder.master(settings.SPARK_MASTER)
    return builder.getOrCreate()
