from pyspark.sql import SparkSession


def get_spark(app_name, master="local[*]"):
    """Session used by the management commands; on the cluster spark-submit sets the master."""
    return (
        SparkSession.builder.appName(app_name)
        .master(master)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "16")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
