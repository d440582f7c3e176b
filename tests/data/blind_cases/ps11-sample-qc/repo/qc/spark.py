"""SparkSession construction shared by the QC jobs and their management commands."""
from django.conf import settings
from pyspark.sql import SparkSession


def get_spark(app_name=None, master=None):
    builder = SparkSession.builder.appName(app_name or settings.SPARK_APP_NAME)
    builder = builder.master(master or settings.SPARK_MASTER)
    for key, value in settings.SPARK_CONF.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
