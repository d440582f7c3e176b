import os

from django.conf import settings
from pyspark.sql import SparkSession


def get_spark(app_name, master=None):
    """Session used by the management commands; on the cluster spark-submit sets the master.

    The executors get the same settings module as the driver, so that the code running there can
    configure Django for itself.
    """
    return (
        SparkSession.builder.appName(app_name)
        .master(master or settings.ROYALTIES["SPARK_MASTER"])
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "16")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.executorEnv.DJANGO_SETTINGS_MODULE", os.environ["DJANGO_SETTINGS_MODULE"])
        .getOrCreate()
    )
