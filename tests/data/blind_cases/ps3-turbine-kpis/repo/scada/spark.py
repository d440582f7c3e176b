from contextlib import contextmanager

from pyspark.sql import SparkSession


def build_session(app_name, master="local[*]"):
    return (
        SparkSession.builder.appName(app_name)
        .master(master)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


@contextmanager
def spark_session(app_name, master="local[*]"):
    """A session for one command run.

    Reuses the active session when there is one (pyspark shell, notebooks, tests) and only stops the sessions it
    started itself.
    """
    active = SparkSession.getActiveSession()
    spark = active or build_session(app_name, master)
    try:
        yield spark
    finally:
        if active is None:
            spark.stop()
