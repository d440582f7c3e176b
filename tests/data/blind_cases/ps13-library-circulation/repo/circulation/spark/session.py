import os
import sys

from django.conf import settings


def get_spark(master=None, app_name="libnet-circulation"):
    """The SparkSession used by the statistics jobs (local mode on the stats box)."""
    from pyspark.sql import SparkSession

    # Python workers must run in this virtualenv and be able to import our modules.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName(app_name)
        .master(master or settings.SPARK_MASTER)
        .config("spark.driver.memory", settings.SPARK_DRIVER_MEMORY)
        .config("spark.executorEnv.PYTHONPATH", str(settings.BASE_DIR))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.execution.pythonUDF.arrow.enabled", "false")
        .config("spark.ui.enabled", "false")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark
