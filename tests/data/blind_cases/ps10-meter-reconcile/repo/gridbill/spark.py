"""SparkSession for the Django side (Celery workers, management commands, the spark-submit scripts).

A Celery worker on the ``spark`` queue keeps one session for its whole life: ``getOrCreate()`` hands back the
running session, so a task does not pay for a JVM start. Tasks must therefore never stop the session.
"""
from django.conf import settings
from pyspark.sql import SparkSession


def get_session(app_name):
    conf = settings.SPARK
    return (
        SparkSession.builder.appName(app_name)
        .master(conf["MASTER"])
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(conf["SHUFFLE_PARTITIONS"]))
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
