from contextlib import contextmanager

from pyspark.sql import SparkSession


@contextmanager
def spark_session(app_name, master="local[*]"):
    """Reuse the active session if there is one (notebooks, tests); stop only a session started here."""
    active = SparkSession.getActiveSession()
    spark = active or (
        SparkSession.builder.appName(app_name)
        .master(master)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    try:
        yield spark
    finally:
        if active is None:
            spark.stop()
