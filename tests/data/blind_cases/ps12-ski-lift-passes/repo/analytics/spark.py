"""SparkSession factory shared by the analytics jobs."""
from django.conf import settings
from pyspark.sql import SparkSession


def get_spark(app_name="analytics"):
    """Return the active SparkSession, creating one from settings if needed.

    ``getOrCreate`` hands back an already running session (e.g. the one the test
    suite starts), so jobs can call this freely.
    """
    builder = SparkSession.builder.appName(f"{settings.SPARK_APP_PREFIX}-{app_name}").master(settings.SPARK_MASTER)
    for key, value in settings.SPARK_CONF.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
