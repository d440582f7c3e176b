"""SparkSession construction for the Django side (management commands, celery tasks)."""
import logging
from contextlib import contextmanager

from django.conf import settings

log = logging.getLogger(__name__)


def build_spark(app_name):
    from pyspark.sql import SparkSession

    conf = settings.SPARK
    builder = SparkSession.builder.appName(f"{conf['APP_PREFIX']}-{app_name}")
    if conf.get("MASTER"):
        builder = builder.master(conf["MASTER"])
    for key, value in conf.get("CONF", {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@contextmanager
def spark_session(app_name):
    spark = build_spark(app_name)
    try:
        yield spark
    finally:
        if settings.SPARK.get("STOP_ON_EXIT", True):
            log.info("stopping Spark session %s", app_name)
            spark.stop()
