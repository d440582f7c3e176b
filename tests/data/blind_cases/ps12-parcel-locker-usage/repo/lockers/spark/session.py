"""The process-wide SparkSession.

The nightly command and the Celery workers are long-lived drivers: they build
one session on first use and keep it for the life of the process, so the
jobs below must not leave anything behind in it between runs.
"""
import atexit
import os
import sys
import threading

from django.conf import settings

_lock = threading.Lock()


def get_spark():
    from pyspark.sql import SparkSession

    with _lock:
        active = SparkSession.getActiveSession()
        if active is not None:
            return active
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = SparkSession.builder.master(settings.SPARK_MASTER).appName(settings.SPARK_APP_NAME)
        for key, value in settings.SPARK_CONF.items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("WARN")
        atexit.register(_stop, spark)
        return spark


def _stop(spark):
    try:
        spark.stop()
    except Exception:  # the JVM may already be gone at interpreter exit
        pass
