"""SparkSession factory shared by the nightly loyalty jobs."""
import logging
import os
import sys

from django.conf import settings
from pyspark.sql import SparkSession

log = logging.getLogger(__name__)


def build_spark_session(app_name, master=None, extra_conf=None):
    """Return a (local) SparkSession configured from settings.SPARK_MASTER / SPARK_CONF.

    The Python workers are started by the JVM; point them at the interpreter of
    the venv we are running in, otherwise they pick up whatever `python3` is on
    the PATH of the batch host.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    builder = SparkSession.builder.appName(app_name).master(master or settings.SPARK_MASTER)
    conf = {**settings.SPARK_CONF, **(extra_conf or {})}
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    log.info("spark session %s up (master=%s, version=%s)", app_name, spark.sparkContext.master, spark.version)
    return spark
